"""The engagement in figures: counts of what the public archive holds, for the charts and their tables.

Only what an anonymous visitor may see is counted (live, public, unexpired pages), so a chart
never reveals the existence of a record restricted to partners.
"""

from dataclasses import dataclass

from django.db.models import Count

from erbm_cms.deliberations.models import DeliberationPage
from erbm_cms.minutes.models import ActionStatus, FollowUpAction, MinutesPage
from erbm_cms.partners.models import Partner
from erbm_cms.records.visibility import public_pages


@dataclass
class Series:
    """One chart: a title, what is counted, and (label, value) rows in display order."""

    slug: str
    title: str
    label_heading: str
    unit: str
    rows: list

    @property
    def labels(self):
        return [label for label, _ in self.rows]

    @property
    def values(self):
        return [value for _, value in self.rows]

    @property
    def total(self):
        return sum(self.values)


def deliberations_per_year():
    counts = (
        public_pages(DeliberationPage.objects.all()).order_by()
        .values_list("session_date__year").annotate(count=Count("pk")).order_by("session_date__year")
    )
    return Series("deliberations-par-annee", "Délibérations publiées par année de séance", "Année", "délibérations",
                  [(str(year), count) for year, count in counts])


def deliberations_per_partner():
    counts = dict(
        public_pages(DeliberationPage.objects.all()).order_by()
        .values_list("partner").annotate(count=Count("pk"))
    )
    partners = Partner.objects.order_by("sort_order", "name").only("pk", "short_name", "name")
    return Series("deliberations-par-partenaire", "Délibérations publiées par partenaire", "Partenaire", "délibérations",
                  [(partner.short_name or partner.name, counts.get(partner.pk, 0)) for partner in partners])


def actions_per_status():
    minutes = public_pages(MinutesPage.objects.all())
    counts = dict(
        FollowUpAction.objects.filter(page__in=minutes).order_by()
        .values_list("status").annotate(count=Count("pk"))
    )
    return Series("actions-par-etat", "Actions de suivi des comités de pilotage, par état", "État", "actions",
                  [(label, counts.get(value, 0)) for value, label in ActionStatus.choices])


def all_series():
    return [deliberations_per_year(), deliberations_per_partner(), actions_per_status()]

"""The archive in figures: counts of what the public archive holds, for the charts and their tables.

Each record type draws its own charts (`ArchiveRecord.public_figures`); this module gathers
them in the order of the record types. Only what an anonymous visitor may see is counted
(live, public, unexpired pages), so a chart never reveals the existence of a record restricted
to partners.
"""

from dataclasses import dataclass

from django.db.models import Count

from erbm_cms.records.visibility import public_pages

from .kinds import record_models


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


def public_counts(model, field):
    """{value of `field`: number of public records of `model`}, in the order of the values."""
    counts = public_pages(model.objects.all()).values_list(field).annotate(count=Count("pk")).order_by(field)
    return dict(counts)


def all_series():
    """The charts of every record type, in the order of the types."""
    return [series for model in record_models() for series in model.public_figures()]

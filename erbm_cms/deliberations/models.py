from collections import Counter

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.views.decorators.http import require_GET
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from erbm_cms.archive.figures import Series, public_counts
from erbm_cms.archive.records import ArchiveRecord
from erbm_cms.base.feeds import FeedRoutesMixin
from erbm_cms.base.pagination import paginate
from erbm_cms.base.text import html_text
from erbm_cms.documents.models import AttachedDocument
from erbm_cms.partners.models import Partner
from erbm_cms.records.choosing import AttachableDocumentsPageForm
from erbm_cms.records.visibility import visible_pages

from . import actes, opendata, scdl
from .copying import DeliberationSafeCopyForm
from .feeds import PartnerDeliberationsAtom, PartnerDeliberationsRss

DELIBERATIONS_PER_PAGE = 20


class DeliberatingBody(models.TextChoices):
    CONSEIL_COMMUNAUTAIRE = "conseil_communautaire", "Conseil communautaire"
    CONSEIL_DEPARTEMENTAL = "conseil_departemental", "Conseil départemental"
    CONSEIL_REGIONAL = "conseil_regional", "Conseil régional"
    COMMISSION_PERMANENTE = "commission_permanente", "Commission permanente"
    BUREAU = "bureau", "Bureau"
    PREFET = "prefet", "Préfet (décision de l'État)"

    @classmethod
    def usual_for(cls, partner_kind):
        """The body that usually decides for a kind of partner."""
        return {
            "etat": cls.PREFET,
            "region": cls.COMMISSION_PERMANENTE,
            "departement": cls.CONSEIL_DEPARTEMENTAL,
        }.get(partner_kind, cls.CONSEIL_COMMUNAUTAIRE)


def deliberations_of(queryset, user=None):
    return (
        visible_pages(user, queryset)
        .select_related("partner")
        .order_by("-session_date", "-pk")
    )


class DeliberationIndexPage(RoutablePageMixin, Page):
    """The archive of deliberations, one section per partner beneath it."""
    copy_form_class = DeliberationSafeCopyForm

    intro = models.TextField("introduction", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["deliberations.PartnerDeliberationsPage"]
    max_count = 1

    class Meta:
        verbose_name = "archive des délibérations"

    @re_path(r"^export\.csv/?$", name="export")
    @method_decorator(require_GET)
    def export_csv(self, request):
        return opendata.csv_response(
            opendata.published(DeliberationPage.objects.all()), request, "deliberations-bassin-minier.csv"
        )

    @path("donnees-ouvertes/", name="open_data")
    @method_decorator(require_GET)
    def open_data(self, request):
        """What the open-data file holds, and which rows lack a SIRET (never invented)."""
        pages = list(opendata.published(DeliberationPage.objects.all()))
        return render(request, "deliberations/open_data.html", {
            "page": self, "count": len(pages), "missing_siret": opendata.rows_missing_siret(pages),
            "sections": PartnerDeliberationsPage.objects.live().select_related("partner").order_by("partner__sort_order"),
            "meta_description": "Les délibérations publiées des 12 partenaires au format SCDL Délibérations : "
            "contenu du fichier, colonnes et lignes sans SIRET.",
        })

    def sections(self, user=None):
        return (
            visible_pages(user, PartnerDeliberationsPage.objects.child_of(self))
            .select_related("partner").order_by("partner__sort_order", "partner__name")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        deliberations = deliberations_of(DeliberationPage.objects.descendant_of(self), request.user)
        context["sections"] = self.sections(request.user)
        context["record_kind"] = DeliberationPage.index_kind  # what its search form looks for
        code = request.GET.get("matiere", "").strip()
        listed = deliberations
        if code and actes.is_valid_code(code):
            listed = deliberations.filter(models.Q(actes_code=code) | models.Q(actes_code__startswith=code + "."))
            context["selected_subject"] = actes.describe(code)
            context["filter_query"] = urlencode({"matiere": code})
        elif code:
            context["subject_error"] = f"« {code[:20]} » n'est pas un code de la nomenclature ACTES : toutes les délibérations sont affichées."
        context["deliberations"] = paginate(request, listed, DELIBERATIONS_PER_PAGE)
        context["selected_code"] = code
        # Both lists of counts from one pass over the archive.
        years, codes = Counter(), Counter()
        for year, code, count in deliberations.order_by().values_list("session_date__year", "actes_code").annotate(
                count=models.Count("pk")):
            years[year] += count
            codes[code] += count
        context["years"] = sorted(years.items(), reverse=True)
        context["subjects"] = sorted(
            (code, actes.lookup(code).name if actes.lookup(code) else actes.describe(code), count)
            for code, count in codes.items()
        )
        return context


class PartnerDeliberationsPage(FeedRoutesMixin, Page):
    """The deliberations of one partner; its editors work in this section."""
    copy_form_class = DeliberationSafeCopyForm

    partner = models.OneToOneField(
        "partners.Partner", verbose_name="partenaire", on_delete=models.PROTECT, related_name="deliberation_section"
    )
    intro = models.TextField("introduction", blank=True)

    content_panels = Page.content_panels + [FieldPanel("partner"), FieldPanel("intro")]
    parent_page_types = ["deliberations.DeliberationIndexPage"]
    subpage_types = ["deliberations.DeliberationPage"]
    rss_feed_class, atom_feed_class = PartnerDeliberationsRss, PartnerDeliberationsAtom

    class Meta:
        verbose_name = "délibérations d'un partenaire"
        verbose_name_plural = "délibérations par partenaire"

    def deliberations(self):
        return DeliberationPage.objects.child_of(self)

    @re_path(r"^export\.csv/?$", name="export")
    @method_decorator(require_GET)
    def export_csv(self, request):
        pages = opendata.published(DeliberationPage.objects.filter(partner=self.partner))
        return opendata.csv_response(pages, request, f"deliberations-{self.partner.slug}.csv")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["deliberations"] = paginate(
            request, deliberations_of(self.deliberations(), request.user), DELIBERATIONS_PER_PAGE
        )
        return context


class DeliberationPageForm(AttachableDocumentsPageForm):
    """The partner of a deliberation is the one of the section it is filed in."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        section = parent_page.specific if parent_page else None
        if isinstance(section, PartnerDeliberationsPage):
            self.instance.partner = section.partner


def validate_actes_code(value):
    if not actes.is_valid_code(value):
        raise ValidationError(
            "« %(code)s » n'est pas un code de la nomenclature ACTES : indiquez une matière "
            "de 1 à 9 et, s'il y a lieu, sa sous-matière (par exemple 8.5 ou 8.5.1).",
            params={"code": value},
            code="invalid_actes_code",
        )


class DeliberationPage(ArchiveRecord):
    index_kind = "deliberation"
    index_kind_label = "Délibération"
    index_prefetch = ["partner", "axes", "act_document__pages", "annexes__document__pages"]
    date_field = "session_date"
    future_date_message = "La date de la séance ne peut pas être dans le futur."

    copy_form_class = DeliberationSafeCopyForm
    partner = models.ForeignKey(
        "partners.Partner", verbose_name="partenaire", on_delete=models.PROTECT, related_name="deliberations"
    )
    deliberating_body = models.CharField("instance délibérante", max_length=40, choices=DeliberatingBody.choices)
    session_date = models.DateField("date de la séance")
    number = models.CharField("numéro", max_length=50, help_text="Numéro de l'acte, unique pour le partenaire.")
    actes_code = models.CharField(
        "matière ACTES", max_length=20, validators=[validate_actes_code],
        help_text="Code de la nomenclature ACTES, par exemple 8.5 (politique de la ville, habitat, logement).",
    )
    members_in_office = models.PositiveIntegerField("membres en exercice", null=True, blank=True)
    members_present = models.PositiveIntegerField("membres présents ou représentés", null=True, blank=True)
    votes_for = models.PositiveIntegerField("voix pour", null=True, blank=True)
    votes_against = models.PositiveIntegerField("voix contre", null=True, blank=True)
    abstentions = models.PositiveIntegerField("abstentions", null=True, blank=True)
    prefecture_date = models.DateField("date de transmission en préfecture", null=True, blank=True)
    prefecture_id = models.CharField(
        "service du contrôle de légalité (PREF_ID)", max_length=9, blank=True,
        validators=[RegexValidator(
            scdl.PREF_ID_PATTERN,
            "Indiquez l'identifiant SCDL du service qui exerce le contrôle de légalité : PREF suivi du numéro de "
            "département sur trois caractères (PREF059, PREF062), SPREF suivi du département et de l'arrondissement "
            "(SPREF0623) ou SGAR suivi du département. Laissez vide s'il n'est pas connu ; le numéro de transmission "
            "va dans son propre champ.",
            code="invalid_pref_id",
        )],
        help_text="Identifiant SCDL (PREF059, SPREF0623, SGAR059) ; vide s'il n'est pas connu par une source.",
    )
    transmission_id = models.CharField(
        "numéro de transmission (ACTES)", max_length=100, blank=True,
        help_text="Identifiant de l'accusé de réception, par exemple 062-200044048-20190524-2019077-DE.",
    )
    budget_year = models.PositiveSmallIntegerField("exercice budgétaire", null=True, blank=True)
    budget_name = models.CharField("budget concerné", max_length=255, blank=True)
    summary = RichTextField("résumé", blank=True, features=["bold", "italic", "ol", "ul", "link"])
    act_document = models.ForeignKey(
        "documents.ArchiveDocument", verbose_name="acte (PDF)", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    axes = ParentalManyToManyField("partners.Axis", verbose_name="axes", related_name="deliberations", blank=True)
    is_sample = models.BooleanField(
        "exemple fictif", default=False,
        help_text="Délibération de démonstration : la page l'annonce clairement.",
    )

    base_form_class = DeliberationPageForm

    content_panels = [
        TitleFieldPanel("title", heading="Objet de la délibération"),
        MultiFieldPanel(
            [
                FieldPanel("deliberating_body"),
                FieldRowPanel([FieldPanel("session_date"), FieldPanel("number")]),
                FieldPanel("actes_code"),
            ],
            heading="Séance",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("members_in_office"), FieldPanel("members_present")]),
                FieldRowPanel([FieldPanel("votes_for"), FieldPanel("votes_against"), FieldPanel("abstentions")]),
            ],
            heading="Votes",
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("prefecture_date"), FieldPanel("transmission_id"), FieldPanel("prefecture_id")])],
            heading="Transmission au contrôle de légalité",
        ),
        FieldPanel("summary"),
        FieldPanel("act_document"),
        InlinePanel("annexes", label="annexe", heading="Annexes"),
        MultiFieldPanel(
            [
                FieldPanel("axes", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("budget_year"), FieldPanel("budget_name")]),
                FieldPanel("is_sample"),
            ],
            heading="Classement",
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("number"),
        index.SearchField("summary"),
        index.FilterField("session_date"),
        index.FilterField("partner"),
        index.FilterField("actes_code"),
    ]

    parent_page_types = ["deliberations.PartnerDeliberationsPage"]
    subpage_types = []

    class Meta:
        verbose_name = "délibération"
        verbose_name_plural = "délibérations"
        constraints = [
            # « 2019-12a » and « 2019-12A » are one act: numbers are compared without case.
            models.UniqueConstraint("partner", Lower("number"), name="unique_deliberation_number_per_partner"),
        ]

    @property
    def subject(self):
        return actes.lookup(self.actes_code)

    @property
    def subject_label(self):
        return actes.describe(self.actes_code)

    @property
    def has_votes(self):
        return self.votes_for is not None

    def validate_constraints(self, exclude=None):
        # clean() reports a duplicate number with a clerk's wording; every other constraint is checked as usual.
        super().validate_constraints(exclude={*(exclude or ()), "number"})

    @classmethod
    def public_figures(cls):
        per_year = public_counts(cls, "session_date__year")
        per_partner = public_counts(cls, "partner")
        partners = Partner.objects.order_by("sort_order", "name").only("pk", "short_name", "name")
        return [
            Series("deliberations-par-annee", "Délibérations publiées par année de séance", "Année", "délibérations",
                   [(str(year), count) for year, count in per_year.items()]),
            Series("deliberations-par-partenaire", "Délibérations publiées par partenaire", "Partenaire",
                   "délibérations",
                   [(partner.short_name or partner.name, per_partner.get(partner.pk, 0)) for partner in partners]),
        ]

    def record_partners(self):
        return [self.partner]

    def issuing_partner(self):
        return self.partner

    def held_documents(self):
        return [self.act_document] + [annex.document for annex in self.annexes.all()]

    def index_text(self):
        summary = html_text(self.summary)
        return summary, "\n".join([
            f"Délibération n° {self.number}", self.get_deliberating_body_display(), self.subject_label, summary,
        ])

    def index_fields(self):
        return {**super().index_fields(), "subjects": [self.subject_label]}

    def record_errors(self):
        errors = {}
        if self.prefecture_date and self.session_date and self.prefecture_date < self.session_date:
            errors["prefecture_date"] = "La transmission en préfecture ne peut pas précéder la séance."
        errors.update(self.vote_errors())
        if self.number and self.partner_id and self.number_is_taken():
            errors["number"] = (
                f"Le numéro « {self.number} » est déjà utilisé par une autre délibération de "
                f"ce partenaire ({self.partner.short_name})."
            )
        return errors

    def number_is_taken(self):
        return DeliberationPage.objects.filter(partner_id=self.partner_id, number__iexact=self.number).exclude(pk=self.pk).exists()

    def vote_errors(self):
        counts = {
            "members_in_office": self.members_in_office,
            "members_present": self.members_present,
            "votes_for": self.votes_for,
            "votes_against": self.votes_against,
            "abstentions": self.abstentions,
        }
        given = {name for name, value in counts.items() if value is not None}
        if not given:
            return {}
        if given != set(counts):
            return {
                name: "Renseignez tous les nombres du vote (membres en exercice, présents, pour, contre, abstentions) ou aucun."
                for name in set(counts) - given
            }
        errors = {}
        cast = self.votes_for + self.votes_against + self.abstentions
        if cast > self.members_present:
            errors["votes_for"] = (
                f"Pour, contre et abstentions totalisent {cast} voix, "
                f"plus que les {self.members_present} membres présents ou représentés."
            )
        if self.members_present > self.members_in_office:
            errors["members_present"] = (
                f"{self.members_present} membres présents ou représentés : c'est plus que "
                f"les {self.members_in_office} membres en exercice."
            )
        return errors


class DeliberationAnnex(AttachedDocument):
    page = ParentalKey(DeliberationPage, related_name="annexes", on_delete=models.CASCADE)

    class Meta(AttachedDocument.Meta):
        verbose_name = "annexe"
        verbose_name_plural = "annexes"

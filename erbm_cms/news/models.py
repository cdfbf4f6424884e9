from django import forms
from django.db import models
from django.utils.http import urlencode
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from erbm_cms.archive.records import ArchiveRecord
from erbm_cms.base.feeds import FeedRoutesMixin
from erbm_cms.base.models import body_field, source_field
from erbm_cms.base.pagination import paginate
from erbm_cms.base.text import stream_text
from erbm_cms.documents.models import AttachedDocument
from erbm_cms.partners.models import Axis
from erbm_cms.records.visibility import visible_pages

from .feeds import CommuniquesAtom, CommuniquesRss

COMMUNIQUES_PER_PAGE = 10


class NewsIndexPage(FeedRoutesMixin, Page):
    intro = models.TextField("introduction", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.CommuniquePage"]
    rss_feed_class, atom_feed_class = CommuniquesRss, CommuniquesAtom

    class Meta:
        verbose_name = "liste des actualités"

    def all_communiques(self):
        """Every communiqué of the site (the feeds carry them all)."""
        return CommuniquePage.objects.all()

    def communiques(self, user=None):
        return (
            visible_pages(user, CommuniquePage.objects.child_of(self))
            .order_by("-date", "-pk")
            .prefetch_related("axes")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        communiques = self.communiques(request.user)
        years = [day.year for day in communiques.dates("date", "year", order="DESC")]
        axes = Axis.objects.filter(communiques__in=communiques).distinct().order_by("number")
        subjects = Tag.objects.filter(news_communiquesubject_items__content_object__in=communiques).distinct().order_by("name")
        year, axis = _choice(request, "annee", years), _choice(request, "axe", [a.number for a in axes])
        subject = subjects.filter(slug=request.GET.get("sujet", "")).first()
        if year:
            communiques = communiques.filter(date__year=year)
        if axis:
            communiques = communiques.filter(axes__number=axis)
        if subject:
            communiques = communiques.filter(subjects__slug=subject.slug)
        context.update(
            communiques=paginate(request, communiques, COMMUNIQUES_PER_PAGE),
            years=years, axes=axes, subjects=subjects, selected_year=year, selected_axis=axis, selected_subject=subject,
            filter_query=urlencode({k: v for k, v in (("annee", year), ("axe", axis), ("sujet", subject and subject.slug)) if v}),
        )
        return context


def _choice(request, name, allowed):
    """The integer value of a filter parameter if it is one of the allowed values, else None."""
    raw = request.GET.get(name, "")
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 9):  # "²" is a digit to isdigit(), not to int()
        return None
    return int(raw) if int(raw) in allowed else None


class CommuniqueKind(models.TextChoices):
    PRESS_RELEASE = "communique", "Communiqué de presse"
    PRESS_KIT = "dossier", "Dossier de presse"
    ARTICLE = "article", "Article"


class CommuniqueSubject(TaggedItemBase):
    content_object = ParentalKey("news.CommuniquePage", related_name="tagged_items", on_delete=models.CASCADE)

    class Meta:
        verbose_name = "sujet"
        verbose_name_plural = "sujets"


class CommuniquePage(ArchiveRecord):
    index_kind = "communique"
    index_kind_label = "Communiqué"
    index_prefetch = ["partners", "subjects", "axes", "attachments__document__pages"]
    date_field = "date"

    date = models.DateField("date de publication")
    kind = models.CharField("nature", max_length=20, choices=CommuniqueKind.choices, default=CommuniqueKind.PRESS_RELEASE)
    lead = models.TextField("chapô", help_text="Résumé en une ou deux phrases, affiché dans les listes.")
    body = body_field()
    axes = ParentalManyToManyField("partners.Axis", verbose_name="axes", related_name="communiques", blank=True)
    partners = ParentalManyToManyField(
        "partners.Partner", verbose_name="partenaires concernés", related_name="communiques", blank=True
    )
    subjects = ClusterTaggableManager("sujets", through=CommuniqueSubject, blank=True)
    source = source_field()

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("date"), FieldPanel("kind")], heading="Publication"),
        FieldPanel("lead"),
        FieldPanel("body"),
        InlinePanel("attachments", label="pièces jointes", heading="Pièces jointes"),
        MultiFieldPanel(
            [
                FieldPanel("axes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("partners", widget=forms.CheckboxSelectMultiple),
                FieldPanel("subjects"),
            ],
            heading="Classement",
        ),
        FieldPanel("source"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("lead", boost=2),
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("kind"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "communiqué"
        verbose_name_plural = "communiqués"

    def record_partners(self):
        return list(self.partners.all())

    def held_documents(self):
        return [attachment.document for attachment in self.attachments.all()]

    def index_text(self):
        return self.lead, "\n".join([self.lead, stream_text(self.body)])

    def index_fields(self):
        return {**super().index_fields(), "subjects": [tag.name for tag in self.subjects.all()]}


class CommuniqueAttachment(AttachedDocument):
    page = ParentalKey(CommuniquePage, related_name="attachments", on_delete=models.CASCADE)

    class Meta(AttachedDocument.Meta):
        verbose_name = "pièce jointe"
        verbose_name_plural = "pièces jointes"

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from erbm_cms.base.blocks import RICH_TEXT_FEATURES
from erbm_cms.base.pagination import paginate
from erbm_cms.publishing.models import PartnerRestrictable

MINUTES_PER_PAGE = 20


class MinutesIndexPage(Page):
    intro = models.TextField("introduction", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["minutes.MinutesPage"]

    class Meta:
        verbose_name = "liste des comités de pilotage"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        meetings = MinutesPage.objects.live().public().child_of(self).order_by("-meeting_date", "-pk")
        context["meetings"] = paginate(request, meetings, MINUTES_PER_PAGE)
        return context


class AttendeeBlock(blocks.StructBlock):
    name = blocks.CharBlock(label="nom ou fonction")
    organisation = blocks.CharBlock(label="organisme", required=False)

    class Meta:
        icon = "user"
        label = "Participant"


class AgendaItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="point")
    detail = blocks.TextBlock(label="précision", required=False)

    class Meta:
        icon = "list-ol"
        label = "Point de l'ordre du jour"


class DecisionBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(label="décision", features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "tick"
        label = "Décision"


class MinutesPage(PartnerRestrictable, Page):
    """The record of a steering committee (comité de pilotage)."""

    meeting_date = models.DateField("date de la réunion")
    place = models.CharField("lieu", max_length=255)
    chair = models.CharField("présidence", max_length=255)
    attending_partners = ParentalManyToManyField(
        "partners.Partner", verbose_name="partenaires présents", related_name="minutes", blank=True
    )
    attendees = StreamField([("attendee", AttendeeBlock())], verbose_name="autres participants", blank=True)
    summary = models.TextField("résumé", blank=True)
    agenda = StreamField([("item", AgendaItemBlock())], verbose_name="ordre du jour", blank=True)
    decisions = StreamField([("decision", DecisionBlock())], verbose_name="décisions", blank=True)
    minutes_document = models.ForeignKey(
        "documents.ArchiveDocument", verbose_name="compte rendu (PDF)", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    related_communiques = ParentalManyToManyField(
        "news.CommuniquePage", verbose_name="communiqués liés", related_name="minutes", blank=True
    )
    axes = ParentalManyToManyField("partners.Axis", verbose_name="axes", related_name="minutes", blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("meeting_date"), FieldPanel("place")]), FieldPanel("chair")],
            heading="Réunion",
        ),
        FieldPanel("attending_partners", widget=forms.CheckboxSelectMultiple),
        FieldPanel("attendees"),
        FieldPanel("summary"),
        FieldPanel("agenda"),
        FieldPanel("decisions"),
        InlinePanel("actions", label="action", heading="Actions de suivi"),
        FieldPanel("minutes_document"),
        FieldPanel("related_communiques"),
        FieldPanel("axes", widget=forms.CheckboxSelectMultiple),
    ]

    settings_panels = Page.settings_panels + PartnerRestrictable.restriction_panels

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("agenda"),
        index.SearchField("decisions"),
        index.FilterField("meeting_date"),
    ]

    parent_page_types = ["minutes.MinutesIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "compte rendu de comité de pilotage"
        verbose_name_plural = "comptes rendus de comités de pilotage"

    def clean(self):
        super().clean()
        if self.meeting_date and self.meeting_date > timezone.localdate():
            raise ValidationError({"meeting_date": "La date de la réunion ne peut pas être dans le futur."})


class ActionStatus(models.TextChoices):
    PLANNED = "prevue", "Prévue"
    IN_PROGRESS = "en_cours", "En cours"
    DONE = "realisee", "Réalisée"
    DROPPED = "abandonnee", "Abandonnée"


class FollowUpAction(Orderable):
    page = ParentalKey(MinutesPage, related_name="actions", on_delete=models.CASCADE)
    description = models.CharField("action", max_length=500)
    owner = models.CharField("responsable", max_length=255)
    due_date = models.DateField("échéance", null=True, blank=True)
    status = models.CharField("état", max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED)

    panels = [
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("owner"), FieldPanel("due_date"), FieldPanel("status")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "action de suivi"
        verbose_name_plural = "actions de suivi"

    def __str__(self):
        return self.description

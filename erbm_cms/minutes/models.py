from django import forms
from django.db import models
from django.db.models import Count
from django.http import HttpResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_GET
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from erbm_cms.archive.figures import Series
from erbm_cms.archive.records import ArchiveRecord
from erbm_cms.base.blocks import RICH_TEXT_FEATURES
from erbm_cms.base.pagination import paginate
from erbm_cms.base.text import stream_text
from erbm_cms.records.visibility import public_pages, visible_pages

from .calendar import committees_calendar

MINUTES_PER_PAGE = 20


class CommitteeStatus(models.TextChoices):
    PLANNED = "a_venir", "À venir"
    HELD = "tenu", "Tenu"


def upcoming_committees(user=None):
    """Planned committees not yet held, soonest first, that `user` (None: an anonymous visitor) may see."""
    return visible_pages(user, MinutesPage.objects.all()).filter(
        status=CommitteeStatus.PLANNED, meeting_date__gte=timezone.localdate()
    ).order_by("meeting_date", "start_time", "pk")


class MinutesIndexPage(RoutablePageMixin, Page):
    intro = models.TextField("introduction", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["minutes.MinutesPage"]

    class Meta:
        verbose_name = "liste des comités de pilotage"

    @re_path(r"^calendrier\.ics/?$", name="calendar")
    @method_decorator(require_GET)
    def calendar_ics(self, request):
        content = committees_calendar(MinutesPage.objects.all(), request.build_absolute_uri, request.get_host())
        response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="comites-de-pilotage.ics"'
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        meetings = visible_pages(request.user, MinutesPage.objects.child_of(self))
        upcoming = upcoming_committees(request.user).child_of(self)
        context["upcoming"] = upcoming
        context["meetings"] = paginate(
            request, meetings.exclude(pk__in=upcoming.values("pk")).order_by("-meeting_date", "-pk"), MINUTES_PER_PAGE
        )
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


class MinutesPage(ArchiveRecord):
    """A steering committee (comité de pilotage): announced ahead while planned, its minutes once held."""

    index_kind = "compte-rendu"
    index_kind_label = "Compte rendu"
    index_prefetch = ["attending_partners", "axes", "actions", "minutes_document__pages"]
    date_field = "meeting_date"
    future_date_message = (
        "Un comité tenu ne peut pas être daté dans le futur : pour annoncer un comité, "
        "choisissez l'état « à venir »."
    )

    status = models.CharField(
        "état", max_length=10, choices=CommitteeStatus.choices, default=CommitteeStatus.HELD,
        help_text="« À venir » pour annoncer un comité (date, lieu, ordre du jour) avant qu'il se tienne ; "
        "passez-le à « tenu » en ajoutant le compte rendu, les décisions et les actions.",
    )
    meeting_date = models.DateField("date de la réunion")
    start_time = models.TimeField("heure de début", null=True, blank=True)
    end_time = models.TimeField("heure de fin", null=True, blank=True)
    place = models.CharField("lieu", max_length=255)
    chair = models.CharField("présidence", max_length=255, blank=True)
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
            [
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("meeting_date"), FieldPanel("start_time"), FieldPanel("end_time")]),
                FieldRowPanel([FieldPanel("place"), FieldPanel("chair")]),
            ],
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

    @property
    def is_planned(self):
        return self.status == CommitteeStatus.PLANNED

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_communiques"] = visible_pages(request.user, self.related_communiques.all())
        return context

    @classmethod
    def public_figures(cls):
        counts = dict(
            FollowUpAction.objects.filter(page__in=public_pages(cls.objects.all())).order_by()
            .values_list("status").annotate(count=Count("pk"))
        )
        return [Series("actions-par-etat", "Actions de suivi des comités de pilotage, par état", "État", "actions",
                       [(label, counts.get(value, 0)) for value, label in ActionStatus.choices])]

    def record_partners(self):
        return list(self.attending_partners.all())

    def held_documents(self):
        return [self.minutes_document]

    def index_text(self):
        actions = [f"{action.description} ({action.owner})" for action in self.actions.all()]
        return self.summary, "\n".join([
            self.place, self.chair, self.summary, stream_text(self.attendees),
            stream_text(self.agenda), stream_text(self.decisions), *actions,
        ])

    def may_be_dated_in_the_future(self):
        return self.is_planned

    def record_errors(self):
        errors = {}
        if not self.is_planned and not self.chair:
            errors["chair"] = "Indiquez la présidence du comité tenu."
        if self.end_time and not self.start_time:
            errors["start_time"] = "Indiquez l'heure de début avant l'heure de fin."
        elif self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = "L'heure de fin doit suivre l'heure de début."
        return errors


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

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from erbm_cms.base.blocks import KeyFigureBlock, TimelineEventBlock
from erbm_cms.base.models import body_field
from erbm_cms.deliberations.copying import DeliberationSafeCopyForm
from erbm_cms.minutes.models import upcoming_committees
from erbm_cms.news.models import CommuniquePage
from erbm_cms.records.visibility import visible_pages

LATEST_COMMUNIQUES = 3
UPCOMING_COMMITTEES = 3


class HomePage(Page):
    copy_form_class = DeliberationSafeCopyForm  # its subpages hold deliberations
    intro = models.TextField("accroche", blank=True)
    key_figures = StreamField(
        [("figure", KeyFigureBlock(label="Chiffre clé"))], verbose_name="chiffres clés", blank=True
    )
    timeline = StreamField(
        [("event", TimelineEventBlock(label="Événement"))], verbose_name="frise chronologique", blank=True
    )
    body = body_field()

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("key_figures"),
        FieldPanel("timeline"),
        FieldPanel("body"),
    ]

    # What may be created under it is said by each page type (its parent_page_types), so that a new
    # record type placed at the top of the site needs no change here.
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "page d'accueil"

    def latest_communiques(self, user=None):
        return (
            visible_pages(user, CommuniquePage.objects.descendant_of(self))
            .order_by("-date", "-pk")[:LATEST_COMMUNIQUES]
        )

    def upcoming_committees(self, user=None):
        return upcoming_committees(user).descendant_of(self)[:UPCOMING_COMMITTEES]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_communiques"] = self.latest_communiques(request.user)
        context["upcoming_committees"] = self.upcoming_committees(request.user)
        return context

    def key_figure_values(self):
        return [child.value for child in self.key_figures]

    def timeline_values(self):
        return [child.value for child in self.timeline]

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from erbm_cms.base.blocks import KeyFigureBlock, TimelineEventBlock
from erbm_cms.base.models import body_field
from erbm_cms.deliberations.copying import DeliberationSafeCopyForm

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

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "engagement.EngagementPage",
        "news.NewsIndexPage",
        "deliberations.DeliberationIndexPage",
        "minutes.MinutesIndexPage",
        "base.ContentPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "page d'accueil"

    def latest_communiques(self):
        from erbm_cms.news.models import CommuniquePage

        return (
            CommuniquePage.objects.live().public().descendant_of(self)
            .order_by("-date", "-pk")[:LATEST_COMMUNIQUES]
        )

    def upcoming_committees(self):
        from erbm_cms.minutes.models import upcoming_committees

        return upcoming_committees().descendant_of(self)[:UPCOMING_COMMITTEES]

    def key_figure_values(self):
        return [child.value for child in self.key_figures]

    def timeline_values(self):
        return [child.value for child in self.timeline]

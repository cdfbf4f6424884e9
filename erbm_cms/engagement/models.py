from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from erbm_cms.base.models import body_field, source_field
from erbm_cms.publishing.models import PartnerRestrictable
from erbm_cms.records.dates import in_the_future


class EngagementPage(PartnerRestrictable, Page):
    """The text of the Engagement signed on 7 March 2017."""

    intro = models.TextField("chapô", blank=True)
    body = body_field()
    signing_date = models.DateField("date de signature")
    signing_place = models.CharField("lieu de signature", max_length=255)
    signatories = ParentalManyToManyField(
        "partners.Partner", verbose_name="signataires", related_name="engagements", blank=True
    )
    axes = ParentalManyToManyField("partners.Axis", verbose_name="axes", related_name="engagements", blank=True)
    signed_document = models.ForeignKey(
        "documents.ArchiveDocument", verbose_name="texte signé (PDF)", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    source = source_field()

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("signing_date"), FieldPanel("signing_place")], heading="Signature"),
        FieldPanel("signatories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("axes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
        FieldPanel("signed_document"),
        FieldPanel("source"),
    ]

    settings_panels = Page.settings_panels + PartnerRestrictable.restriction_panels

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = "engagement"
        verbose_name_plural = "engagements"

    def clean(self):
        super().clean()
        if in_the_future(self.signing_date):
            raise ValidationError({"signing_date": "La date de signature ne peut pas être dans le futur."})

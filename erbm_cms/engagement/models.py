from django import forms
from django.db import models
from django.shortcuts import render
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from erbm_cms.archive.figures import all_series
from erbm_cms.archive.records import ArchiveRecord
from erbm_cms.base.models import body_field, source_field
from erbm_cms.base.text import stream_text


class EngagementPage(RoutablePageMixin, ArchiveRecord):
    """The text of the Engagement signed on 7 March 2017."""

    index_kind = "engagement"
    index_kind_label = "Engagement"
    index_prefetch = ["axes", "signed_document__pages"]
    date_field = "signing_date"
    future_date_message = "La date de signature ne peut pas être dans le futur."

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

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = "engagement"
        verbose_name_plural = "engagements"

    @path("en-chiffres/", name="figures")
    def figures(self, request):
        """« L'engagement en chiffres »: charts of the archive, each with its data table."""
        return render(request, "engagement/figures.html", {
            "engagement": self,
            "series": all_series(),
            "meta_description": "L'engagement pour le renouveau du bassin minier en chiffres : délibérations "
            "publiées par année et par partenaire, actions de suivi des comités de pilotage par état.",
        })

    def held_documents(self):
        return [self.signed_document]

    def index_text(self):
        return self.intro, "\n".join([self.intro, self.signing_place, stream_text(self.body)])

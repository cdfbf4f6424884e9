from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from erbm_cms.records.choosing import AttachableDocumentsPageForm

from .blocks import BodyBlock
from .text import stream_text


def body_field(**kwargs):
    return StreamField(BodyBlock(), verbose_name="contenu", blank=True, **kwargs)


def source_field():
    return models.CharField(
        "source",
        max_length=500,
        blank=True,
        help_text="Éditeur et date de la publication d'origine, lorsque la page la reprend.",
    )


class IndexedPage(Page):
    """A page that the site's search indexes: its kind, and what its index entry holds.

    The record types extend it as `archive.records.ArchiveRecord`; plain pages use it as it is.
    """

    index_kind = ""  # the kind's name in search (the « type » parameter)
    index_kind_label = ""  # the kind as the public reads it
    index_prefetch = []  # what building the entries of many pages of the type reads, fetched per batch

    class Meta:
        abstract = True

    def index_fields(self):
        """The fields of its index entry (search.entries.IndexEntry) besides title, address and audience."""
        return {"summary": "", "body": "", "date": None}

    def attached_documents(self):
        """The documents it holds, each once."""
        return []


class ContentPage(IndexedPage):
    """A plain page: la délégation, mentions légales, accessibilité..."""

    index_kind = "page"
    index_kind_label = "Page"

    intro = models.TextField("chapô", blank=True)
    body = body_field()
    source = source_field()
    footer_link = models.BooleanField(
        "lien dans le pied de page",
        default=False,
        help_text="Affiche un lien vers cette page dans le pied de page (mentions légales, accessibilité...).",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("source"),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("footer_link")]
    parent_page_types = ["home.HomePage", "base.ContentPage"]
    base_form_class = AttachableDocumentsPageForm

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = "page de contenu"
        verbose_name_plural = "pages de contenu"

    def index_fields(self):
        # Plain pages (la délégation, mentions légales...) are not dated records.
        return {**super().index_fields(), "summary": self.intro, "body": "\n".join([self.intro, stream_text(self.body)])}

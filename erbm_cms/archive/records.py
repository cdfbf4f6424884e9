"""The record contract: what every record of the archive shares, read by the rest of the site.

A record type (a deliberation, a communiqué, minutes, the engagement) is a page model that
inherits `ArchiveRecord` and says, in a few attributes and methods, its kind, its date, its
partners and its documents. Search, document serving, feeds, sitemap, export and listings
read this contract and import no page app; adding a record type is one model file (with its
template and migration).
"""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from erbm_cms.base.models import IndexedPage
from erbm_cms.records.choosing import AttachableDocumentsPageForm

from .dates import in_the_future


class ArchiveRecord(IndexedPage):
    """A dated record of the archive, which editors may reserve to the partners."""

    restricted_to_partners = models.BooleanField(
        "réservé aux partenaires",
        default=False,
        help_text="Visible seulement des membres connectés des groupes partenaires et de la délégation ; "
        "ses documents sont rangés dans la collection réservée. Prend effet à la publication.",
    )

    # The name of the field holding the record's date, and what editors read when it is after today
    # (None: a record of this type may be dated in the future).
    date_field = ""
    future_date_message = None

    restriction_panels = [FieldPanel("restricted_to_partners")]
    settings_panels = Page.settings_panels + restriction_panels
    # Every document a record uses passes the attachment rule on save (records.choosing).
    base_form_class = AttachableDocumentsPageForm

    class Meta:
        abstract = True

    @property
    def record_date(self):
        return getattr(self, self.date_field) if self.date_field else None

    def record_partners(self):
        """The partners the record concerns."""
        return []

    def issuing_partner(self):
        """The partner that issued the record (voted the act), named beside it in results and searched by its
        name, whose collection holds its public documents; None for the delegation's records."""
        return None

    def record_axes(self):
        """The axes of the Engagement the record serves (its `axes` field, if it has one)."""
        axes = getattr(self, "axes", None)
        return list(axes.all()) if axes is not None else []

    def held_documents(self):
        """Its documents as the type holds them (None for an empty field)."""
        return []

    @classmethod
    def public_figures(cls):
        """The charts of the type on the engagement's figures page (`archive.figures.Series`)."""
        return []

    def attached_documents(self):
        """Its documents, each once: act and annexes, attachments, minutes, signed text."""
        unique = {}
        for document in self.held_documents():
            if document is not None:
                unique.setdefault(document.pk, document)
        return list(unique.values())

    def index_text(self):
        """(summary, body) of its index entry."""
        return "", ""

    def index_fields(self):
        summary, body = self.index_text()
        issuer = self.issuing_partner()
        return {
            **super().index_fields(),
            "summary": summary,
            "body": body,
            "date": self.record_date,
            "partner_slugs": [partner.slug for partner in self.record_partners()],
            "partner_name": issuer.name if issuer else "",
            "axes": [axis.number for axis in self.record_axes()],
        }

    def may_be_dated_in_the_future(self):
        return self.future_date_message is None

    def record_errors(self):
        """{field: message} of the type's own rules, checked with the contract's on clean()."""
        return {}

    def clean(self):
        super().clean()
        errors = {}
        if in_the_future(self.record_date) and not self.may_be_dated_in_the_future():
            errors[self.date_field] = self.future_date_message
        errors.update(self.record_errors())
        if errors:
            raise ValidationError(errors)

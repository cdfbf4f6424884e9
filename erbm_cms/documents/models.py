from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable
from wagtail.documents.models import AbstractDocument, Document

from .validators import validate_pdf_content


class ArchiveDocument(AbstractDocument):
    """A PDF of the archive: an act, minutes, a press kit, an annex."""

    admin_form_fields = Document.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = "document"
        verbose_name_plural = "documents"

    def clean(self):
        super().clean()
        if self.file and not getattr(self.file, "_committed", True):
            try:
                validate_pdf_content(self.file)
            except ValidationError as error:
                raise ValidationError({"file": error.messages[0]}) from error


class AttachedDocument(Orderable):
    """A document attached to a page (annex, attachment), with an optional display title."""

    document = models.ForeignKey(
        "documents.ArchiveDocument", verbose_name="document", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField("titre affiché", max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        abstract = True

    @property
    def display_title(self):
        return self.title or self.document.title

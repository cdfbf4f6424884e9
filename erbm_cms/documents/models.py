from django.core.exceptions import ValidationError
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

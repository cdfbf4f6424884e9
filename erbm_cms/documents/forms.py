from wagtail.documents.forms import BaseDocumentForm


class ArchiveDocumentForm(BaseDocumentForm):
    """Wagtail's document form, telling the document who is uploading (see ArchiveDocument.duplicate_message)."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.instance.acting_user = user

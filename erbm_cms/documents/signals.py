from django.dispatch import Signal

# Sent when a document's text has been (re-)extracted; `document` is the ArchiveDocument.
document_text_extracted = Signal()

from django.dispatch import Signal

# Sent when a document's text has been (re-)extracted; `document` is the ArchiveDocument.
document_text_extracted = Signal()

# Sent when pages of a document have no text layer and OCR should read them; `document` is the ArchiveDocument.
document_needs_ocr = Signal()

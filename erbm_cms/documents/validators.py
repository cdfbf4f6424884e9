from django.core.exceptions import ValidationError

# The PDF header may be preceded by junk; readers accept it within the first KiB.
PDF_SIGNATURE = b"%PDF-"
PDF_HEADER_WINDOW = 1024


def looks_like_pdf(head):
    return PDF_SIGNATURE in head[:PDF_HEADER_WINDOW]


def validate_pdf_content(file):
    """Accept only files whose content is PDF, whatever their name says."""
    position = file.tell() if hasattr(file, "tell") else None
    try:
        file.seek(0)
        head = file.read(PDF_HEADER_WINDOW)
    finally:
        if position is not None:
            file.seek(position)
    if not head:
        raise ValidationError("Le fichier est vide.", code="empty")
    if not looks_like_pdf(head):
        raise ValidationError(
            "Ce fichier n'est pas un PDF : son contenu ne commence pas par l'en-tête « %PDF- ». "
            "Seuls les documents PDF sont acceptés.",
            code="not_pdf",
        )

from django.core.exceptions import ValidationError

from .extraction.engine import PDF_HEADER_WINDOW, looks_like_pdf


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

import shutil
import tempfile
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.documents.models import AbstractDocument, Document, DocumentQuerySet
from wagtail.models import Orderable

from erbm_cms.records.choosing import choosable_documents

from .fingerprint import sha256_of
from .validators import validate_pdf_content


class ExtractionStatus(models.TextChoices):
    PENDING = "pending", "En attente"
    OK = "ok", "Texte extrait"
    OCR = "ocr", "Texte reconnu par OCR"
    NO_TEXT = "no_text", "Sans texte (numérisé)"
    ENCRYPTED = "encrypted", "Protégé par mot de passe"
    FAILED = "failed", "Échec"


# The documents whose pages may be read by OCR: those of the other states have no readable pages.
OCR_READABLE = [ExtractionStatus.OK, ExtractionStatus.OCR, ExtractionStatus.NO_TEXT]


class TextSource(models.TextChoices):
    TEXT_LAYER = "text", "Couche texte du PDF"
    OCR = "ocr", "Reconnu par OCR"
    NONE = "none", "Aucun texte"


class ArchiveDocumentQuerySet(DocumentQuerySet):
    def awaiting_ocr(self):
        """Documents with pages still to be read by OCR (queued, interrupted, or OCR unavailable)."""
        return self.filter(pk__in=DocumentPage.objects.awaiting_ocr().values("document_id"))


class ArchiveDocument(AbstractDocument):
    """A PDF of the archive: an act, minutes, a press kit, an annex, with its text page by page."""

    sha256 = models.CharField("empreinte SHA-256", max_length=64, blank=True, db_index=True, editable=False)
    page_count = models.PositiveIntegerField("nombre de pages", null=True, blank=True, editable=False)
    extraction_status = models.CharField(
        "extraction du texte", max_length=20, choices=ExtractionStatus.choices,
        default=ExtractionStatus.PENDING, db_index=True, editable=False,
    )
    extraction_reason = models.TextField("motif", blank=True, editable=False)
    extracted_at = models.DateTimeField("extrait le", null=True, blank=True, editable=False)
    ocr_page_count = models.PositiveIntegerField("pages lues par OCR", default=0, editable=False)

    objects = ArchiveDocumentQuerySet.as_manager()

    admin_form_fields = Document.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = "document"
        verbose_name_plural = "documents"

    def clean(self):
        super().clean()
        if not self.file or getattr(self.file, "_committed", True):
            return
        try:
            validate_pdf_content(self.file)
        except ValidationError as error:
            raise ValidationError({"file": error.messages[0]}) from error
        self.sha256 = self.compute_sha256()
        duplicate = self.find_duplicate()
        if duplicate is not None:
            raise ValidationError({"file": self.duplicate_message(duplicate)})

    def duplicate_message(self, duplicate):
        """Name the existing document only to an uploader who may choose it (never another partner's)."""
        uploader = getattr(self, "acting_user", None) or self.uploaded_by_user
        if uploader is not None and not choosable_documents(uploader).filter(pk=duplicate.pk).exists():
            return ("Ce fichier a déjà été déposé, dans une collection à laquelle vous n'avez pas accès : "
                    "il ne peut pas être déposé une seconde fois. Adressez-vous à la délégation.")
        return (
            f"Ce fichier a déjà été déposé : c'est le document « {duplicate.title} » "
            f"(n° {duplicate.pk}, déposé le {duplicate.created_at:%d/%m/%Y}). Utilisez-le plutôt que de le déposer à nouveau."
        )

    def find_duplicate(self):
        if not self.sha256:
            return None
        return ArchiveDocument.objects.filter(sha256=self.sha256).exclude(pk=self.pk).order_by("pk").first()

    def compute_sha256(self):
        if getattr(self.file, "_committed", True):
            with self.open_file() as handle:
                return sha256_of(handle)
        return sha256_of(self.file)

    def save(self, *args, **kwargs):
        needs_extraction = self._state.adding or not getattr(self.file, "_committed", True)
        if self.file and (needs_extraction or not self.sha256):
            self.sha256 = self.compute_sha256()
        if needs_extraction:
            self.extraction_status = ExtractionStatus.PENDING
            self.extraction_reason = ""
            self.page_count = None
            self.ocr_page_count = 0
        # Read by the post_save receiver that queues the extraction (queueing.queue_extraction).
        self.extraction_due = needs_extraction and bool(self.file)
        super().save(*args, **kwargs)

    def save_with_file(self, name, content=None):
        """Save this new document with its file: `content` written to storage as `name`, or the stored file `name`."""
        if content is None:
            self.file.name = name
            self.file._committed = True
        else:
            self.file.save(name, content, save=False)
        # Wagtail's own upload form fills in the size and hash this way.
        self._set_document_file_metadata()
        self.save()
        return self

    @contextmanager
    def local_path(self):
        """A filesystem path to the file, copied locally if the storage is remote (for the extraction sandbox)."""
        if self.is_stored_locally():
            yield self.file.path
            return
        with tempfile.NamedTemporaryFile(suffix=".pdf") as copy, self.open_file() as source:
            shutil.copyfileobj(source, copy)
            copy.flush()
            yield copy.name

    @property
    def has_text(self):
        return self.extraction_status in (ExtractionStatus.OK, ExtractionStatus.OCR)

    @property
    def status_label(self):
        """The status as the admin shows it, with the share of pages read by OCR."""
        label = self.get_extraction_status_display()
        if self.extraction_status == ExtractionStatus.OCR and self.page_count:
            return f"{label} ({self.ocr_page_count}/{self.page_count} p.)"
        return label


class DocumentPageQuerySet(models.QuerySet):
    def awaiting_ocr(self):
        """Pages without usable text that OCR has not read yet."""
        return self.filter(
            source=TextSource.NONE, ocr_confidence__isnull=True, document__extraction_status__in=OCR_READABLE
        )


class DocumentPage(models.Model):
    """The cleaned text of one page of a document, so that a search hit can name its page."""

    document = models.ForeignKey(ArchiveDocument, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveIntegerField("page")
    text = models.TextField("texte", blank=True)
    source = models.CharField("origine du texte", max_length=10, choices=TextSource.choices, default=TextSource.TEXT_LAYER)
    ocr_confidence = models.FloatField(
        "confiance de l'OCR (%)", null=True, blank=True,
        help_text="moyenne de la confiance de Tesseract pour les mots de la page ; vide si l'OCR ne l'a pas lue",
    )

    objects = DocumentPageQuerySet.as_manager()

    class Meta:
        ordering = ["document", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="unique_document_page")]
        verbose_name = "page de document"
        verbose_name_plural = "pages de document"

    def __str__(self):
        return f"{self.document.title}, page {self.number}"

    @property
    def is_ocr(self):
        return self.source == TextSource.OCR

    @property
    def low_confidence(self):
        """Read by OCR with so little confidence that its words may be wrong: kept, flagged, weighs less."""
        return self.is_ocr and self.ocr_confidence is not None and self.ocr_confidence < settings.OCR_LOW_CONFIDENCE


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


class StagedFile(models.Model):
    """A file written to storage by an import before the row that uses it is committed.

    The record is committed before the file is written and deleted in the same
    transaction as the document that adopts the file: a record still present means
    the import stopped in between, and `staging.sweep` removes the file left behind.
    """

    name = models.CharField("fichier", max_length=255)
    owner = models.CharField("processus", max_length=255)
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        verbose_name = "fichier en cours d'import"
        verbose_name_plural = "fichiers en cours d'import"

    def __str__(self):
        return self.name

import sys

from django.core.management.base import BaseCommand, CommandError

from erbm_cms.base.priority import BackgroundCommand
from erbm_cms.base.progress import ProgressBar
from erbm_cms.documents.bulk_extraction import default_jobs
from erbm_cms.documents.extraction import recognition
from erbm_cms.documents.models import OCR_READABLE, ArchiveDocument, DocumentPage, ExtractionStatus


class Command(BackgroundCommand, BaseCommand):
    help = (
        "Lit par OCR (Tesseract, français) les pages sans couche texte des documents : les documents « sans texte » "
        "et les pages numérisées des documents mixtes. Chaque page lue est enregistrée aussitôt : interrompue, "
        "la commande reprend là où elle s'était arrêtée."
    )

    def add_arguments(self, parser):
        parser.add_argument("--document", type=int, action="append", dest="documents", metavar="ID",
                            help="seulement ce document (répétable)")
        parser.add_argument("--again", action="store_true",
                            help="relire aussi les pages déjà lues par OCR (sinon seules les pages en attente sont lues)")
        parser.add_argument("--jobs", type=int, default=default_jobs(), help="documents lus simultanément (par défaut : nombre de cœurs)")

    def handle(self, *args, documents, again, jobs, **options):
        unavailable = recognition.unavailable_reason()
        if unavailable:
            raise CommandError(f"OCR indisponible : {unavailable}.")
        targets = ArchiveDocument.objects.filter(extraction_status__in=OCR_READABLE)
        if documents:
            targets = targets.filter(pk__in=documents)
        if again:
            for document in targets.filter(pk__in=DocumentPage.objects.exclude(source="text").values("document_id")):
                recognition.reset(document)
        targets = list(targets.awaiting_ocr().order_by("pk"))
        pages = DocumentPage.objects.awaiting_ocr().filter(document__in=targets).count()
        if not targets:
            self.stdout.write("Aucune page en attente d'OCR.")
            return
        self.stdout.write(f"{len(targets)} document(s), {pages} page(s) à lire par OCR.")
        progress = ProgressBar(pages, "OCR", stream=sys.stderr)

        def page_done(document, page):
            if page["error"]:
                self.report(progress, f"[page non lue] document n° {document.pk}, page {page['number']} : {page['error']}")
            progress.advance()

        def document_done(document):
            label = document.status_label.lower()
            reason = f" — {document.extraction_reason}" if document.extraction_reason else ""
            self.report(progress, f"[{label}] document n° {document.pk} « {document.title} »{reason}")

        recognition.ocr_all(targets, jobs=jobs, on_page=page_done, on_document=document_done)
        progress.finish()
        read = ArchiveDocument.objects.filter(pk__in=[d.pk for d in targets], extraction_status=ExtractionStatus.OCR).count()
        left = DocumentPage.objects.awaiting_ocr().filter(document__in=targets).count()
        self.stdout.write(
            f"{len(targets)} document(s) : {read} avec texte reconnu par OCR"
            + (f" ; {left} page(s) restent à lire (relancer la commande)" if left else "")
        )

    def report(self, progress, line):
        progress.clear()
        self.stdout.write(line)
        progress.draw()

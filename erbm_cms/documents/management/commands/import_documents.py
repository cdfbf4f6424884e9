import sys
from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from erbm_cms.base.priority import BackgroundCommand
from erbm_cms.base.progress import ProgressBar
from erbm_cms.documents import staging
from erbm_cms.documents.bulk_extraction import default_jobs, extract_all
from erbm_cms.documents.collections import collection_named
from erbm_cms.documents.importing import IMPORT_COLLECTION, find_pdf_files, import_file
from erbm_cms.documents.models import ExtractionStatus
from erbm_cms.documents.queueing import deferred_extraction

STATUS_LABELS = dict(ExtractionStatus.choices)


class Command(BackgroundCommand, BaseCommand):
    help = (
        "Importe des fichiers PDF (ou les PDF de dossiers) dans l'archive et en extrait le texte, page par page. "
        "Chaque fichier est conservé, même illisible ; un fichier déjà présent (même contenu) n'est pas dupliqué. "
        "Code de sortie 0 seulement si tous les fichiers sont importés et lisibles."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="CHEMIN", help="fichiers PDF ou dossiers")
        parser.add_argument("--collection", default=IMPORT_COLLECTION, help="collection Wagtail de destination")
        parser.add_argument("--jobs", type=int, default=default_jobs(), help="extractions simultanées (par défaut : nombre de cœurs)")

    def handle(self, *args, paths, collection, jobs, **options):
        files, missing = find_pdf_files(paths)
        for path in missing:
            self.stderr.write(f"introuvable : {path}")
        if not files and not missing:
            raise CommandError("Aucun fichier PDF trouvé.")
        for name in staging.sweep():
            self.stdout.write(f"fichier laissé par un import interrompu, supprimé : {name}")
        target = collection_named(collection)
        progress = ProgressBar(len(files), "Import", stream=sys.stderr)
        outcomes = Counter()
        failures = len(missing)

        imported = []
        with deferred_extraction() as pending:
            for path in files:
                try:
                    imported.append(import_file(path, target, require_pdf=False))
                except OSError as error:
                    failures += 1
                    self.report(progress, f"[erreur] {path} : lecture impossible ({error.strerror or error})")
                    progress.advance()
        by_document = {item.document.pk: item for item in imported}

        for item in imported:
            if not item.created and item.document.extraction_status == ExtractionStatus.PENDING:
                pending.append(item.document)  # imported by a run stopped before its extraction
            elif not item.created:
                outcomes["déjà présent"] += 1
                self.report(progress, f"[déjà présent] {item.path} : document n° {item.document.pk} « {item.document.title} »")
                progress.advance()

        def done(document):
            nonlocal failures
            item = by_document[document.pk]
            label = STATUS_LABELS[document.extraction_status]
            outcomes[label] += 1
            if document.extraction_status == ExtractionStatus.FAILED:
                failures += 1
            pages = f", {document.page_count} page{'s' if document.page_count > 1 else ''}" if document.page_count else ""
            reason = f" — {document.extraction_reason}" if document.extraction_reason else ""
            self.report(progress, f"[{label.lower()}] {item.path} : document n° {document.pk}{pages}{reason}")
            progress.advance()

        extract_all(pending, jobs=jobs, on_done=done)
        progress.finish()
        summary = ", ".join(f"{count} {label.lower()}" for label, count in sorted(outcomes.items()))
        self.stdout.write(f"{len(files)} fichier(s) : {summary or 'aucun'}" + (f" ; {failures} en échec" if failures else ""))
        if failures:
            raise CommandError(f"{failures} fichier(s) n'ont pas pu être importés ou lus.", returncode=1)

    def report(self, progress, line):
        progress.clear()
        self.stdout.write(line)
        progress.draw()

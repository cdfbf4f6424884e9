import sys

from django.core.management.base import BaseCommand

from erbm_cms.base.priority import BackgroundCommand
from erbm_cms.base.progress import ProgressBar
from erbm_cms.documents import staging
from erbm_cms.documents.bulk_extraction import default_jobs, extract_all, runs_in_process
from erbm_cms.documents.models import ExtractionStatus
from erbm_cms.documents.pending import pending_documents, requeue_pending

STATUS_LABELS = dict(ExtractionStatus.choices)


class Command(BackgroundCommand, BaseCommand):
    help = (
        "Reprend l'extraction du texte des documents restés « en attente » (import ou traitement de fond "
        "interrompu) et supprime les fichiers laissés par un import interrompu. Sans effet si tout est à jour."
    )

    def add_arguments(self, parser):
        parser.add_argument("--jobs", type=int, default=default_jobs(), help="extractions simultanées")

    def handle(self, *args, jobs, **options):
        for name in staging.sweep():
            self.stdout.write(f"fichier laissé par un import interrompu, supprimé : {name}")
        if not runs_in_process():
            queued = requeue_pending()
            self.stdout.write(f"{len(queued)} document(s) en attente remis dans la file des traitements de fond")
            return
        documents = list(pending_documents())
        progress = ProgressBar(len(documents), "Extraction", stream=sys.stderr)

        def done(document):
            progress.clear()
            self.stdout.write(f"document n° {document.pk} « {document.title} » : {STATUS_LABELS[document.extraction_status].lower()}")
            progress.advance()

        extract_all(documents, jobs=jobs, on_done=done)
        progress.finish()
        self.stdout.write(f"{len(documents)} document(s) en attente traité(s)")

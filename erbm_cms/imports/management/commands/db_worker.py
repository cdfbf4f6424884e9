"""`manage.py db_worker`, as django-tasks-db runs it, first queueing again what a killed run left pending
(extractions never finished, pages OCR has not read yet, imports from the admin stopped mid-way)."""

from django_tasks_db.management.commands.db_worker import Command as WorkerCommand

from erbm_cms.base.priority import BackgroundCommand
from erbm_cms.documents import staging
from erbm_cms.documents.pending import requeue_awaiting_ocr, requeue_pending
from erbm_cms.imports.tasks import requeue_interrupted


class Command(BackgroundCommand, WorkerCommand):
    def handle(self, *args, **options):
        staging.sweep()
        queued = requeue_pending()
        if queued:
            self.stdout.write(f"{len(queued)} document(s) en attente remis dans la file des extractions")
        awaiting_ocr = requeue_awaiting_ocr()
        if awaiting_ocr:
            self.stdout.write(f"{len(awaiting_ocr)} document(s) aux pages encore à lire remis dans la file de l'OCR")
        imports = requeue_interrupted()
        if imports:
            self.stdout.write(f"{len(imports)} import(s) de délibérations interrompu(s) remis dans la file")
        return super().handle(*args, **options)

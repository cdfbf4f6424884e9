"""The import job as a background task, and the ways it is queued (launched, resumed, requeued after a crash)."""

from django_tasks import task

from erbm_cms.documents.pending import queued_document_ids

from .jobs import is_stalled, run
from .models import ImportJob


@task()
def run_import_job(job_id):
    """Run (or resume) an import of deliberations confirmed in the admin."""
    return run(job_id)


def start(job):
    """Queue a checked job (once, whatever the number of clicks); True if this call queued it."""
    if not ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.CHECKED).update(status=ImportJob.Status.QUEUED):
        return False
    run_import_job.enqueue(job.pk)
    return True


def requeue_interrupted():
    """Queue again the jobs a killed worker left (queued or running, no live process on them); the jobs queued."""
    waiting = queued_document_ids(run_import_job)
    queued = []
    for job in ImportJob.objects.filter(status__in=[ImportJob.Status.QUEUED, ImportJob.Status.RUNNING]).order_by("pk"):
        if job.pk in waiting or (job.owner and not is_stalled(job)):
            continue
        run_import_job.enqueue(job.pk)
        queued.append(job)
    return queued

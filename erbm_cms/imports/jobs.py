"""Imports of deliberations from the admin: dry run, background run, resumption, progress.

The rows go through the same importer as `manage.py import_deliberations`
(`DeliberationImporter`), bound to the user who uploaded them: rows of a section where that user
may not add pages are errors, and what the user may not publish is submitted for review.
"""

import logging
import shutil
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, transaction
from django.utils import timezone

from erbm_cms.deliberations.importing import BadFile, DeliberationImporter, RowOutcome, act_names, printable, read_rows
from erbm_cms.deliberations.models import DeliberationPage, PartnerDeliberationsPage
from erbm_cms.documents import staging
from erbm_cms.documents.bulk_extraction import extract_all
from erbm_cms.documents.models import ArchiveDocument, ExtractionStatus
from erbm_cms.documents.queueing import deferred_extraction
from erbm_cms.partners.models import Partner

from .models import ImportJob, ImportRow
from .uploads import Receiver, UploadRefused

logger = logging.getLogger(__name__)

# A job whose worker runs on another machine and has given no sign of life for this long is taken over.
STALE_AFTER = timedelta(minutes=10)
# Uploads checked but never confirmed are removed after this long.
UNCONFIRMED_KEPT = timedelta(days=7)


def importable_partners(user):
    """The partners in whose section `user` may add deliberations."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Partner.objects.none()
    sections = PartnerDeliberationsPage.objects.select_related("partner")
    allowed = [section.partner_id for section in sections if section.permissions_for_user(user).can_add_subpage()]
    return Partner.objects.filter(pk__in=allowed)


def visible_jobs(user):
    """The jobs `user` may see: those whose every partner is one `user` may import for."""
    allowed = importable_partners(user)
    if not allowed.exists():
        return ImportJob.objects.none()
    others = Partner.objects.exclude(pk__in=allowed.values("pk"))
    return ImportJob.objects.exclude(partners__in=others).filter(partners__isnull=False).distinct()


class JobImporter(DeliberationImporter):
    """The command line's importer, for one job: files from its folder, outcomes recorded with the rows."""

    def __init__(self, job, user):
        super().__init__(job.files_path, user=user)
        self.job = job
        received = {path.name.lower() for path in job.files_path.iterdir()} if job.files_path.is_dir() else set()
        self.refused = {}  # refused file name (lower case) -> reason, unless another file of that name was received
        for refused in job.refused_files:
            name = refused["nom"].rsplit(" › ", 1)[-1].rsplit("/", 1)[-1].lower()
            if name not in received:
                self.refused.setdefault(name, refused["motif"])

    def refused_act(self, line, row):
        """An error outcome if the row's act is a file refused at upload (otherwise it would only be « missing »)."""
        if row is None:
            return None
        for column, name in act_names(row):
            reason = self.refused.get(name.lower())
            if reason is not None:
                return RowOutcome(line, "erreur", f"{column} : le fichier « {printable(name)} » a été refusé au dépôt : {reason}")
        return None

    def check_row(self, line, row):
        return self.refused_act(line, row) or super().check_row(line, row)

    def import_row(self, line, row):
        return self.refused_act(line, row) or super().import_row(line, row)

    def written(self, outcome):
        record(self.job, outcome)


def record(job, outcome):
    ImportRow.objects.filter(job=job, line=outcome.line).update(
        status=outcome.status, message=outcome.message, warnings=outcome.warnings,
        page=outcome.page if outcome.page is not None and outcome.page.pk else None,
    )


def create(user, csv_upload, act_uploads):
    """A checked job from an upload: files kept, every row's planned outcome recorded. UploadRefused or BadFile otherwise."""
    partners = list(importable_partners(user))
    if not partners:
        raise PermissionDenied
    remove_abandoned()
    job = ImportJob.objects.create(created_by=user, csv_name=printable(csv_upload.name)[:255])
    job.partners.set(partners)
    try:
        job.refused_files = Receiver(job.path).receive(csv_upload, act_uploads)
        rows = read_rows(job.csv_path.read_bytes())
        if len(rows) > settings.IMPORT_MAX_ROWS:
            # The dry run reads every row within the upload's request: its length stays bounded.
            raise BadFile(f"le fichier compte {len(rows)} lignes, au-delà des {settings.IMPORT_MAX_ROWS} admises "
                          "par import depuis l'admin : découpez-le en plusieurs fichiers")
    except (UploadRefused, BadFile):
        discard(job)
        raise
    job.save(update_fields=["refused_files"])
    dry_run(job, rows)
    return job


def dry_run(job, rows):
    importer = JobImporter(job, job.created_by)
    seen = {}
    planned = []
    for line, row in rows:
        outcome = importer.check_row(line, row)
        if outcome.status == "sera créée":
            key = (outcome.page.partner_id, outcome.page.number.lower())
            if key in seen:
                outcome = RowOutcome(line, "déjà présente", f"même délibération qu'à la ligne {seen[key]} de ce fichier")
            seen.setdefault(key, line)
        planned.append(ImportRow(
            job=job, line=line, number=(row or {}).get("DELIB_ID", "")[:255], planned=outcome.status,
            planned_message=" ; ".join([outcome.message, *(f"attention : {w}" for w in outcome.warnings)]).strip(" ;"),
        ))
    ImportRow.objects.bulk_create(planned)


def discard(job):
    shutil.rmtree(job.path, ignore_errors=True)
    job.delete()


def remove_abandoned():
    for job in ImportJob.objects.filter(status=ImportJob.Status.CHECKED, created_at__lt=timezone.now() - UNCONFIRMED_KEPT):
        discard(job)


def is_stalled(job):
    """A job left running or queued by a process that is gone (worker or server killed)."""
    if job.status not in (ImportJob.Status.QUEUED, ImportJob.Status.RUNNING) or not job.owner:
        return False
    if job.owner == staging.current_owner():
        return False
    alive = staging.owner_alive(job.owner)
    if alive is None:
        return job.heartbeat is None or timezone.now() - job.heartbeat > STALE_AFTER
    return not alive


def needs_resuming(job):
    """A job that stopped before its end and that no process runs."""
    return job.status == ImportJob.Status.RUNNING and (not job.owner or is_stalled(job))


def claim(job_id):
    """The job, marked as run by this process, unless it is finished or another live process runs it."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status not in (ImportJob.Status.QUEUED, ImportJob.Status.RUNNING):
            return None
        if job.owner and job.owner != staging.current_owner() and not is_stalled(job):
            return None
        now = timezone.now()
        job.owner, job.heartbeat, job.status = staging.current_owner(), now, ImportJob.Status.RUNNING
        job.started_at = job.started_at or now
        job.save(update_fields=["owner", "heartbeat", "status", "started_at"])
        return job


def finish(job, status, message=""):
    job.status, job.message, job.finished_at = status, message, timezone.now()
    job.save(update_fields=["status", "message", "finished_at"])
    shutil.rmtree(job.path, ignore_errors=True)


def run(job_id):
    """Import the rows of a job that have no outcome yet, then extract the text of its acts."""
    job = claim(job_id)
    if job is None:
        return None
    try:
        return _run(job)
    except BaseException:
        # Stopped by an error or a shutdown: the job is left for the next worker (or the « Reprendre » button).
        ImportJob.objects.filter(pk=job.pk, owner=staging.current_owner()).update(owner="")
        raise


def _run(job):
    staging.sweep()  # files of a row a killed run left mid-way
    user = job.created_by
    if user is None or not user.is_active:
        finish(job, ImportJob.Status.FAILED, "le compte qui a déposé l'import n'existe plus ou est désactivé")
        return job.status
    try:
        rows = read_rows(job.csv_path.read_bytes())
    except (OSError, BadFile) as error:
        finish(job, ImportJob.Status.FAILED, f"fichiers du dépôt illisibles : {getattr(error, 'strerror', None) or error}")
        return job.status
    importer = JobImporter(job, user)
    done = set(job.rows.exclude(status="").values_list("line", flat=True))
    with deferred_extraction():
        for line, row in rows:
            if line in done:
                continue
            try:
                outcome = importer.import_row(line, row)
            except DatabaseError:
                raise  # the database is away: the job stays running and resumes with the worker
            except Exception as error:  # a fault of the program, not of the row: said, and the rest goes on
                logger.exception("import job %s, line %s", job.pk, line)
                outcome = RowOutcome(line, "erreur", f"erreur inattendue, signalée à l'équipe technique ({type(error).__name__})")
            if outcome.status != "créée":  # a created row is recorded in its own transaction
                record(job, outcome)
            ImportJob.objects.filter(pk=job.pk).update(heartbeat=timezone.now())
    # The acts of the job still waiting for their text, those of a run killed during extraction included.
    extract_all(list(acts_of(job).filter(extraction_status=ExtractionStatus.PENDING)))
    finish(job, ImportJob.Status.DONE)
    return job.status


def acts_of(job):
    pages = DeliberationPage.objects.filter(pk__in=job.rows.exclude(page=None).values("page"))
    return ArchiveDocument.objects.filter(pk__in=pages.values("act_document"))


@dataclass
class Progress:
    total: int
    done: int
    created: int
    existing: int
    errors: int
    extraction_pending: int
    ocr_pending: int

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 100


def progress(job):
    rows = job.rows.all()
    statuses = {}
    for status in rows.values_list("status", flat=True):
        statuses[status] = statuses.get(status, 0) + 1
    acts = acts_of(job)
    return Progress(
        total=sum(statuses.values()),
        done=sum(count for status, count in statuses.items() if status),
        created=statuses.get("créée", 0),
        existing=statuses.get("déjà importée", 0),
        errors=statuses.get("erreur", 0),
        extraction_pending=acts.filter(extraction_status=ExtractionStatus.PENDING).count(),
        ocr_pending=acts.awaiting_ocr().count(),
    )

"""An import of deliberations started from the admin: its uploaded files, its rows, its progress.

The job and each row's outcome live in the database and the uploaded files in a private
folder (`IMPORT_ROOT`, never under `MEDIA_ROOT`), so that a worker killed mid-way lets the
next one resume at the first row without an outcome.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models


class ImportJob(models.Model):
    class Status(models.TextChoices):
        CHECKED = "checked", "Vérifié : en attente de confirmation"
        QUEUED = "queued", "En file d'attente"
        RUNNING = "running", "En cours"
        DONE = "done", "Terminé"
        FAILED = "failed", "Interrompu"

    folder = models.UUIDField("dossier", default=uuid.uuid4, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="déposé par", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    partners = models.ManyToManyField(
        "partners.Partner", verbose_name="partenaires", related_name="+",
        help_text="Les partenaires pour lesquels le compte pouvait importer : le travail n'est visible que de ceux qui le peuvent aussi.",
    )
    csv_name = models.CharField("fichier CSV", max_length=255)
    status = models.CharField("état", max_length=20, choices=Status.choices, default=Status.CHECKED)
    message = models.TextField("motif", blank=True)
    refused_files = models.JSONField("fichiers refusés", default=list, blank=True)
    created_at = models.DateTimeField("déposé le", auto_now_add=True)
    started_at = models.DateTimeField("lancé le", null=True, blank=True)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)
    # host:pid of the worker running the job, and when it last showed it was alive.
    owner = models.CharField("processus", max_length=255, blank=True)
    heartbeat = models.DateTimeField("signe de vie", null=True, blank=True)

    class Meta:
        verbose_name = "import de délibérations"
        verbose_name_plural = "imports de délibérations"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Import n° {self.pk} ({self.csv_name})"

    @property
    def path(self):
        return Path(settings.IMPORT_ROOT) / str(self.folder)

    @property
    def files_path(self):
        return self.path / "actes"

    @property
    def csv_path(self):
        return self.path / "deliberations.csv"


class ImportRow(models.Model):
    """One data row of the CSV: what the dry run said, then what the import did."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="rows")
    line = models.PositiveIntegerField("ligne")
    number = models.CharField("DELIB_ID", max_length=255, blank=True)
    planned = models.CharField("prévu", max_length=20)
    planned_message = models.TextField("détail prévu", blank=True)
    status = models.CharField("résultat", max_length=20, blank=True)
    message = models.TextField("détail", blank=True)
    warnings = models.JSONField("avertissements", default=list, blank=True)
    page = models.ForeignKey(
        "deliberations.DeliberationPage", verbose_name="délibération", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        verbose_name = "ligne importée"
        verbose_name_plural = "lignes importées"
        ordering = ["line"]
        constraints = [models.UniqueConstraint(fields=["job", "line"], name="one_outcome_per_line")]

    def __str__(self):
        return f"ligne {self.line}"

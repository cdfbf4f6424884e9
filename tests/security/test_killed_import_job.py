"""An import from the admin whose worker is killed (SIGKILL) mid-way: the next worker resumes it, nothing twice.

Same throwaway installations as test_killed_import.py: the real `manage.py db_worker` with the
production profile (database task queue) on its own SQLite file, media and import folders.
"""

import os
import signal
import time

import pytest

# `template`: the fixture of a database file with the site's tables and sections, built before the test's transaction.
from tests.security.test_killed_import import ROWS, Site, assert_complete, kill_when, template  # noqa: F401

pytestmark = pytest.mark.django_db

CREATE_JOB = """
from pathlib import Path
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from erbm_cms.imports import jobs, tasks
from erbm_cms.publishing.roles import setup_roles
setup_roles()
user = get_user_model().objects.create_superuser("delegation", "delegation@example.invalid", "x")
folder = Path({acts!r})
job = jobs.create(user, SimpleUploadedFile("deliberations.csv", Path({csv!r}).read_bytes()),
                  [SimpleUploadedFile(p.name, p.read_bytes()) for p in sorted(folder.iterdir())])
assert tasks.start(job)
print(job.pk)
"""


class ImportSite(Site):
    def env(self, production=False):
        return {**super().env(production), "IMPORT_ROOT": str(self.folder / "imports")}

    def rows_done(self):
        return self.query("SELECT count(*) FROM imports_importrow WHERE status != ''")[0][0]

    def job_status(self):
        return self.query("SELECT status FROM imports_importjob")[0][0]


def stop(worker):
    os.killpg(worker.pid, signal.SIGTERM)
    worker.wait(timeout=60)


def test_a_worker_killed_during_an_admin_import_is_resumed_by_the_next_without_duplicates(tmp_path_factory, template):  # noqa: F811
    site = ImportSite(tmp_path_factory.mktemp("site"), template)
    site.manage("shell", "-c", CREATE_JOB.format(acts=str(site.acts), csv=str(site.csv)), production=True)
    assert site.job_status() == "queued"

    worker = site.start("db_worker", "--interval", "0.2", production=True)
    kill_when(worker, lambda: site.rows_done() >= 3)
    done = site.rows_done()
    assert 3 <= done < ROWS and site.job_status() == "running"

    worker = site.start("db_worker", "--interval", "0.2", production=True)
    try:
        deadline = time.monotonic() + 300
        while site.job_status() != "done" or site.query(
                "SELECT id FROM documents_archivedocument WHERE extraction_status = 'pending'"):
            assert worker.poll() is None, "the worker stopped"
            assert time.monotonic() < deadline, f"the job stayed {site.job_status()}"
            time.sleep(0.5)
    finally:
        stop(worker)
    # Every row created once, by this job (none seen as « already there »), every act extracted, no orphan file.
    assert site.query("SELECT status, count(*) FROM imports_importrow GROUP BY status") == [("créée", ROWS)]
    assert_complete(site)
    assert not (site.folder / "imports").exists() or not any((site.folder / "imports").iterdir())

"""Imports from the admin, below the views: dry run, the clerk's boundaries, the run, resumption, the report."""

import csv
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from erbm_cms.deliberations.models import DeliberationPage
from erbm_cms.documents.models import ArchiveDocument, StagedFile
from erbm_cms.imports import jobs, tasks
from erbm_cms.imports.models import ImportJob
from erbm_cms.imports.report import write_report
from tests.imports.helpers import act, csv_bytes, row, upload

pytestmark = pytest.mark.django_db


def media_files():
    return {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()}


def new_job(user, rows, acts=(), encoding="utf-8"):
    return jobs.create(user, upload("deliberations.csv", csv_bytes(rows, encoding)), [upload(n, c) for n, c in acts])


def planned(job):
    return [(r.line, r.planned, r.planned_message) for r in job.rows.all()]


def test_the_dry_run_lists_each_row_and_writes_nothing(douaisis_clerk):
    DeliberationPage.objects.filter(number="IMP-2").delete()
    first = new_job(douaisis_clerk, [row("IMP-1")], [("IMP-1.pdf", act("IMP-1"))])
    tasks.start(first)  # IMP-1 is now in the archive
    pages, documents, files = DeliberationPage.objects.count(), ArchiveDocument.objects.count(), media_files()

    job = new_job(douaisis_clerk, [
        row("IMP-1"),
        row("IMP-2", DELIB_URL="https://exemple.invalid/actes/imp-2%20sign%C3%A9.pdf"),
        row("IMP-3", VOTE_POUR="trente", VOTE_EFFECTIF="40", VOTE_REEL="30", VOTE_CONTRE="0", VOTE_ABSTENTION="0"),
        row("IMP-4", partner="Région Hauts-de-France"),
        row("imp-2"),
        row("IMP-5"),
    ], [("imp-2 signé.pdf", act("IMP-2")), ("IMP-3.pdf", act("IMP-3"))])

    assert job.status == ImportJob.Status.CHECKED
    lines = planned(job)
    assert [(line, status) for line, status, _ in lines] == [
        (2, "déjà présente"), (3, "sera créée"), (4, "erreur"), (5, "erreur"), (6, "déjà présente"), (7, "sera créée"),
    ]
    assert "Douaisis Agglo n° IMP-1" in lines[0][2]
    assert lines[2][2] == "VOTE_POUR « trente » n'est pas un nombre entier positif"
    assert "la ligne concerne Région Hauts-de-France" in lines[3][2]
    assert lines[4][2] == "même délibération qu'à la ligne 3 de ce fichier"
    assert "attention : acte PDF introuvable (IMP-5.pdf)" in lines[5][2]
    # Nothing written: no page, no document, no file in the public storage, nothing staged.
    assert DeliberationPage.objects.count() == pages and ArchiveDocument.objects.count() == documents
    assert media_files() == files and not StagedFile.objects.exists()
    # The uploads wait in the private folder, outside MEDIA_ROOT.
    assert (job.files_path / "imp-2 signé.pdf").is_file()
    assert Path(settings.MEDIA_ROOT) not in job.path.parents


def test_a_clerk_imports_his_rows_never_another_partners(douaisis_clerk):
    job = new_job(douaisis_clerk, [
        row("IMP-10"), row("IMP-11", partner="Région Hauts-de-France"), row("IMP-12", partner="CA Lens-Liévin"),
    ], [("IMP-10.pdf", act("IMP-10")), ("IMP-11.pdf", act("IMP-11"))])
    assert tasks.start(job)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    outcomes = {r.line: (r.status, r.message) for r in job.rows.all()}
    assert outcomes[2][0] == "créée" and "soumise à la validation de la délégation" in outcomes[2][1]
    assert outcomes[3][0] == outcomes[4][0] == "erreur"
    assert not DeliberationPage.objects.filter(number__in=["IMP-11", "IMP-12"]).exists()
    assert not ArchiveDocument.objects.filter(title__contains="IMP-11").exists()
    page = DeliberationPage.objects.get(number="IMP-10")
    # A clerk cannot publish: the page waits for the delegation's review, its act is in the partner's collection.
    assert not page.live and page.workflow_in_progress
    assert page.act_document.collection.name == "Documents — Douaisis Agglo"
    assert page.act_document.extraction_status == "ok"
    assert not job.path.exists()  # the uploaded files are removed once the job is done


def test_another_partners_existing_number_is_not_revealed(douaisis_clerk, lens_clerk):
    lens_number = DeliberationPage.objects.filter(partner__slug="ca-lens-lievin").values_list("number", flat=True).first()
    job = new_job(douaisis_clerk, [row(lens_number, partner="CA Lens-Liévin")])
    (_, status, message), = planned(job)
    assert status == "erreur" and "déjà" not in message and lens_number not in message


def test_the_delegation_publishes_and_a_second_run_duplicates_nothing(delegation):
    rows = [row("IMP-20"), row("IMP-21", partner="Région Hauts-de-France")]
    files = [("IMP-20.pdf", act("IMP-20")), ("IMP-21.pdf", act("IMP-21"))]
    job = new_job(delegation, rows, files)
    tasks.start(job)
    assert DeliberationPage.objects.get(number="IMP-20").live
    assert DeliberationPage.objects.get(number="IMP-21").live
    again = new_job(delegation, rows, files)
    assert [status for _, status, _ in planned(again)] == ["déjà présente", "déjà présente"]
    tasks.start(again)
    assert DeliberationPage.objects.filter(number__in=["IMP-20", "IMP-21"]).count() == 2
    assert {r.status for r in again.rows.all()} == {"déjà importée"}


def test_jobs_are_seen_only_by_those_who_may_import_all_their_partners(douaisis_clerk, lens_clerk, delegation):
    own = new_job(douaisis_clerk, [row("IMP-30")])
    theirs = new_job(lens_clerk, [row("IMP-31", partner="CA Lens-Liévin")])
    delegations = new_job(delegation, [row("IMP-32")])
    assert list(jobs.visible_jobs(douaisis_clerk)) == [own]
    assert list(jobs.visible_jobs(lens_clerk)) == [theirs]
    assert set(jobs.visible_jobs(delegation)) == {own, theirs, delegations}
    reviewer = get_user_model().objects.create_user("validation-seule")
    reviewer.groups.add(Group.objects.get(name="Délégation — validation"))
    assert not jobs.visible_jobs(reviewer).exists()


def test_an_interrupted_job_resumes_where_it_stopped(douaisis_clerk, monkeypatch):
    rows = [row(f"IMP-4{n}") for n in range(5)]
    job = new_job(douaisis_clerk, rows, [(f"IMP-4{n}.pdf", act(f"IMP-4{n}")) for n in range(5)])
    real_import_row = jobs.JobImporter.import_row
    calls = []

    def killed_at_the_fourth_row(self, line, row):
        calls.append(line)
        if len(calls) == 4:
            raise SystemExit("worker killed")  # what the process sees of its end, here without a process
        return real_import_row(self, line, row)

    monkeypatch.setattr(jobs.JobImporter, "import_row", killed_at_the_fourth_row)
    tasks.start(job)  # the task framework reports the task as failed
    monkeypatch.setattr(jobs.JobImporter, "import_row", real_import_row)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.RUNNING and jobs.progress(job).done == 3
    assert jobs.needs_resuming(job)
    # A worker killed outright leaves its mark on the job: on another machine, silent for long enough, it is stalled.
    ImportJob.objects.filter(pk=job.pk).update(owner="ancien-serveur:1", heartbeat=job.created_at - jobs.STALE_AFTER)
    job.refresh_from_db()
    assert jobs.is_stalled(job) and jobs.needs_resuming(job)
    # A new worker finds the job at its start and resumes it.
    assert tasks.requeue_interrupted() == [job]
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert [r.status for r in job.rows.all()] == ["créée"] * 5
    assert DeliberationPage.objects.filter(number__startswith="IMP-4").count() == 5
    assert jobs.progress(job).extraction_pending == 0


def test_a_job_run_by_a_live_process_is_not_taken_twice(douaisis_clerk):
    job = new_job(douaisis_clerk, [row("IMP-50")])
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING, owner=f"{jobs.staging.socket.gethostname()}:1")
    assert jobs.claim(job.pk) is None  # pid 1 is alive
    assert tasks.requeue_interrupted() == []
    assert not DeliberationPage.objects.filter(number="IMP-50").exists()


def test_the_report_lists_every_row_and_refused_file_without_formulas(douaisis_clerk):
    job = new_job(douaisis_clerk, [row("IMP-60"), row("=1+2"), row("IMP-62", DELIB_DATE="hier")],
                  [("IMP-60.pdf", act("IMP-60")), ("notes.txt", b"pas un pdf")])
    tasks.start(job)
    job.refresh_from_db()
    out = io.StringIO()
    write_report(job, out)
    text = out.getvalue()
    records = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert [r["ligne"] for r in records] == ["2", "3", "4", ""]
    assert records[0]["résultat"] == "créée" and records[0]["délibération"].endswith(
        f"/admin/pages/{DeliberationPage.objects.get(number='IMP-60').pk}/edit/")
    assert records[0]["texte de l'acte"] == "Texte extrait"
    assert records[2]["résultat"] == "erreur" and "DELIB_DATE « hier » n'est pas une date" in records[2]["détail"]
    assert records[3]["résultat"] == "fichier refusé" and "notes.txt" in records[3]["détail"]
    assert "ce n'est ni un PDF ni une archive zip" in records[3]["détail"]
    # No cell starts as a formula.
    for record in records:
        for value in record.values():
            assert not value.lstrip().startswith(("=", "+", "-", "@"))
    assert records[1]["DELIB_ID"] == "'=1+2"

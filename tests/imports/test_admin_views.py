"""The import screens of the admin: who sees them, the dry run, the progress page, the report."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from erbm_cms.deliberations.models import DeliberationPage
from erbm_cms.imports.models import ImportJob
from tests.helpers import visible_text
from tests.imports.helpers import act, csv_bytes, row, upload

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def post_upload(client, rows, acts):
    return client.post("/admin/imports/nouveau/", {
        "csv_file": upload("deliberations.csv", csv_bytes(rows)),
        "acts": [upload(name, content) for name, content in acts],
    })


def test_a_clerk_uploads_checks_launches_follows_and_downloads_the_report(douaisis_clerk):
    client = signed_in(douaisis_clerk)
    home = client.get("/admin/")
    assert '"/admin/imports/"' in home.content.decode().replace("\\u0022", '"')  # the menu item, in the sidebar's data
    form = client.get("/admin/imports/nouveau/")
    assert "Seules les lignes de Communauté d'agglomération du Douaisis seront importées" in visible_text(form)

    response = post_upload(client, [row("IMP-100"), row("IMP-101", DELIB_DATE="31/02/2024"), row("IMP-102")],
                           [("IMP-100.pdf", act("IMP-100")), ("IMP-102.pdf", act("IMP-102"))])
    assert response.status_code == 302
    job_url = response["Location"]
    dry_run = visible_text(client.get(job_url))
    assert "3 ligne(s) : 2 sera(ont) créée(s), 0 déjà présente(s), 1 en erreur" in dry_run
    assert "DELIB_DATE « 31/02/2024 » n'est pas une date" in dry_run
    assert not DeliberationPage.objects.filter(number__startswith="IMP-10").exists()

    job = ImportJob.objects.get(pk=int(re.search(r"/imports/(\d+)/", job_url).group(1)))
    launched = client.post(f"/admin/imports/{job.pk}/lancer/")
    assert launched.status_code == 302
    progress = visible_text(client.get(job_url))
    assert "3 ligne(s) traitée(s) sur 3 : 2 créée(s), 0 déjà présente(s), 1 en erreur" in progress
    assert "Extraction du texte en attente : 0 acte(s)" in progress
    assert "Télécharger le rapport (CSV)" in progress
    report = client.get(f"/admin/imports/{job.pk}/rapport.csv")
    assert report["Content-Type"].startswith("text/csv") and "attachment" in report["Content-Disposition"]
    text = report.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("ligne;DELIB_ID;essai;résultat")
    assert "IMP-101" in text and "n'est pas une date" in text
    # A second click on « Lancer » does nothing twice.
    client.post(f"/admin/imports/{job.pk}/lancer/")
    assert DeliberationPage.objects.filter(number="IMP-100").count() == 1


def test_another_partners_clerk_sees_neither_the_job_nor_its_report(douaisis_clerk, lens_clerk):
    response = post_upload(signed_in(douaisis_clerk), [row("IMP-110")], [("IMP-110.pdf", act("IMP-110"))])
    job_id = int(re.search(r"/imports/(\d+)/", response["Location"]).group(1))
    other = signed_in(lens_clerk)
    assert "IMP-110" not in other.get("/admin/imports/").content.decode()
    for url in (f"/admin/imports/{job_id}/", f"/admin/imports/{job_id}/rapport.csv"):
        assert other.get(url).status_code == 404
    for url in (f"/admin/imports/{job_id}/lancer/", f"/admin/imports/{job_id}/abandonner/", f"/admin/imports/{job_id}/reprendre/"):
        assert other.post(url).status_code == 404
    assert ImportJob.objects.get(pk=job_id).status == ImportJob.Status.CHECKED
    assert not DeliberationPage.objects.filter(number="IMP-110").exists()


def test_only_those_who_may_add_deliberations_reach_the_import(db):
    reviewer = get_user_model().objects.create_user("validatrice")
    reviewer.groups.add(Group.objects.get(name="Délégation — validation"))
    client = signed_in(reviewer)
    assert "/admin/imports/" not in client.get("/admin/").content.decode()
    assert client.get("/admin/imports/").status_code in (302, 403)
    assert post_upload(client, [row("IMP-120")], []).status_code in (302, 403)
    assert not ImportJob.objects.exists()


def test_an_upload_over_the_limit_is_refused_before_it_is_read(douaisis_clerk, settings):
    settings.IMPORT_MAX_UPLOAD_SIZE = 2000
    client = signed_in(douaisis_clerk)
    response = post_upload(client, [row("IMP-130")], [("IMP-130.pdf", act("IMP-130") + b"\0" * 2_000_000)])
    assert response.status_code == 413
    assert "L'envoi dépasse la limite de 2 Ko" in visible_text(response)
    assert not ImportJob.objects.exists()


def test_too_many_files_sent_one_by_one_get_a_message_not_a_crash(douaisis_clerk, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    client = Client(enforce_csrf_checks=True)  # as a browser: the CSRF check would read the body first
    client.force_login(douaisis_clerk)
    response = post_upload(client, [row("IMP-150")], [(f"IMP-15{n}.pdf", act(f"IMP-15{n}")) for n in range(3)])
    assert response.status_code == 400
    assert "réunissez les actes dans une archive zip" in visible_text(response)
    assert not ImportJob.objects.exists()


def test_abandoning_a_dry_run_removes_its_files(douaisis_clerk):
    client = signed_in(douaisis_clerk)
    response = post_upload(client, [row("IMP-140")], [("IMP-140.pdf", act("IMP-140"))])
    job = ImportJob.objects.get(pk=int(re.search(r"/imports/(\d+)/", response["Location"]).group(1)))
    assert job.path.is_dir()
    client.post(f"/admin/imports/{job.pk}/abandonner/")
    assert not ImportJob.objects.filter(pk=job.pk).exists() and not job.path.exists()


def test_a_field_too_long_for_the_csv_reader_is_refused_with_its_line_not_a_crash(douaisis_clerk):
    client = signed_in(douaisis_clerk)
    response = post_upload(client, [row("IMP-160"), row("IMP-161", DELIB_OBJET="A" * 200_000)], [])
    text = visible_text(response)
    assert response.status_code == 200
    assert "ligne 3 illisible" in text and "un champ dépasse" in text
    assert not ImportJob.objects.exists()


def test_a_csv_longer_than_the_admin_takes_is_refused_before_its_dry_run(douaisis_clerk, settings):
    settings.IMPORT_MAX_ROWS = 3
    client = signed_in(douaisis_clerk)
    response = post_upload(client, [row(f"IMP-17{n}") for n in range(4)], [])
    assert "le fichier compte 4 lignes, au-delà des 3 admises" in visible_text(response)
    assert not ImportJob.objects.exists()


def test_a_refused_file_name_does_not_show_the_servers_folders(douaisis_clerk, settings):
    client = signed_in(douaisis_clerk)
    post_upload(client, [row("IMP-180", DELIB_URL="../../etc/passwd")], [])
    job = ImportJob.objects.get()
    text = visible_text(client.get(f"/admin/imports/{job.pk}/"))
    assert "refusé" in text and "IMP-180" in text
    assert str(settings.IMPORT_ROOT) not in text and "/imports/" not in text.replace("/admin/imports/", "")

"""An import or an extraction killed (SIGKILL) at any point loses nothing: rerun, extract_pending or the worker finish it.

Each case runs the real `manage.py` in a child process on its own SQLite file and media folder,
kills it at a chosen moment, then checks what a rerun leaves: every row once, no document
left `pending`, and every file in storage owned by a document (no orphan).
"""

import functools
import io
import os
import pty
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fpdf import FPDF
from PIL import Image

from erbm_cms.deliberations.scdl import COLUMNS
from erbm_cms.documents.extraction.recognition import unavailable_reason as ocr_unavailable

# The session's test database is the template of each throwaway site (see `template`).
pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
ROWS = 8

SETUP = """
from erbm_cms.demo.loader import DemoLoader
from erbm_cms.deliberations.models import DeliberationIndexPage, PartnerDeliberationsPage
loader = DemoLoader()
partners = loader.load_partners()
home = loader.load_home()
index, _ = loader.child(home, DeliberationIndexPage(title="Délibérations", slug="deliberations"))
for partner in partners:
    loader.child(index, PartnerDeliberationsPage(title=partner.name, slug=partner.slug, partner=partner))
"""


@functools.cache
def noisy_pdf(seed):
    """A page of noise (about 1.5 Mo, incompressible: copying and hashing take a moment) under a line of text
    (a text layer, so that no OCR is queued)."""
    picture = Image.frombytes("RGB", (700, 700), random.Random(seed).randbytes(700 * 700 * 3))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(buffer, x=0, y=0, w=210)
    pdf.set_font("helvetica", size=12)
    pdf.text(20, 280, f"Acte de test numero {seed} du bassin minier")
    return bytes(pdf.output())


class Site:
    """A throwaway installation: its own database file (a copy of `template`), media folder and import files."""

    def __init__(self, folder, template, act=None, rows=ROWS, extra_env=None):
        act = act or noisy_pdf
        self.extra_env = extra_env or {}
        self.folder = folder
        self.database = folder / "db.sqlite3"
        shutil.copyfile(template, self.database)
        self.media = folder / "media"
        self.acts = folder / "actes"
        self.acts.mkdir()
        self.csv = folder / "deliberations.csv"
        lines = [";".join(COLUMNS)]
        for number in range(rows):
            row = {
                "COLL_NOM": "Douaisis Agglo", "DELIB_ID": f"K-{number}", "DELIB_DATE": "2020-02-03",
                "DELIB_MATIERE_CODE": "8.5", "DELIB_OBJET": f"Délibération interrompue n° {number}",
                "DELIB_URL": f"https://exemple.invalid/actes/k-{number}.pdf",
            }
            lines.append(";".join(row.get(column, "") for column in COLUMNS))
            (self.acts / f"k-{number}.pdf").write_bytes(act(number))
        self.csv.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")

    def env(self, production=False):
        env = dict(os.environ)
        env.update({
            "DJANGO_SETTINGS_MODULE": "erbm_cms.settings.production" if production else "erbm_cms.settings.dev",
            "DATABASE_URL": f"sqlite:///{self.database}", "MEDIA_ROOT": str(self.media),
            "CACHE_DIR": str(self.folder / "cache"), "SECRET_KEY": "test-only-" + "k" * 50,
            "ALLOWED_HOSTS": "localhost", "PYTHONUNBUFFERED": "1", "ELASTICSEARCH_URL": "",
            **self.extra_env,
        })
        return env

    def command(self, *args):
        return [sys.executable, str(ROOT / "manage.py"), *args]

    def manage(self, *args, timeout=300, production=False):
        done = subprocess.run(self.command(*args), cwd=ROOT, env=self.env(production), capture_output=True,
                              text=True, timeout=timeout)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def start(self, *args, production=False, stderr=subprocess.DEVNULL):
        return subprocess.Popen(self.command(*args), cwd=ROOT, env=self.env(production), stdout=subprocess.PIPE,
                                stderr=stderr, text=True, start_new_session=True)

    def start_import(self):
        return self.start("import_deliberations", str(self.csv), "--files", str(self.acts), "--jobs", "2")

    def query(self, sql, *params):
        with sqlite3.connect(self.database, timeout=30) as connection:
            return connection.execute(sql, params).fetchall()

    def stored_files(self):
        folder = self.media / "documents"
        return {str(p.relative_to(self.media)) for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()

    def document_files(self):
        return {name for (name,) in self.query("SELECT file FROM documents_archivedocument")}

    def act_files(self):
        return {name for (name,) in self.query("SELECT file FROM documents_archivedocument WHERE file LIKE 'documents/k-%'")}

    def orphans(self):
        return self.stored_files() - self.document_files()


def kill(process):
    os.killpg(process.pid, signal.SIGKILL)  # the import and its extraction children, all started here
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


def kill_when(process, condition, timeout=240):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail("the import ended before the chosen moment")
        if condition():
            kill(process)
            return
        time.sleep(0.002)
    kill(process)
    pytest.fail("the chosen moment never came")


def kill_after_line(process, prefix):
    for line in process.stdout:
        if line.startswith(prefix):
            kill(process)
            return
    pytest.fail(f"no line starting with {prefix!r}")


def assert_complete(site):
    numbers = [n for (n,) in site.query("SELECT number FROM deliberations_deliberationpage WHERE number LIKE 'K-%'")]
    assert sorted(numbers) == sorted(f"K-{n}" for n in range(ROWS))
    assert site.query("SELECT id FROM documents_archivedocument WHERE extraction_status = 'pending'") == []
    assert site.query("SELECT name FROM documents_stagedfile") == []
    assert site.orphans() == set()
    # Every act is there once, with its file.
    assert len(site.act_files()) == ROWS and site.act_files() <= site.stored_files()


@pytest.fixture(scope="module")
def template(tmp_path_factory, django_db_setup, django_db_blocker):
    """A database file with the site's tables and sections: the test database itself under SQLite."""
    from django.db import connection

    path = tmp_path_factory.mktemp("template") / "db.sqlite3"
    if connection.vendor == "sqlite":
        with django_db_blocker.unblock():
            connection.ensure_connection()
            with sqlite3.connect(path) as target:
                connection.connection.backup(target)
        return path
    # Another database engine under test: build the SQLite file the long way.
    site_env = dict(os.environ, DJANGO_SETTINGS_MODULE="erbm_cms.settings.dev", DATABASE_URL=f"sqlite:///{path}")
    for args in (["migrate", "--no-input"], ["shell", "-c", SETUP]):
        done = subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, env=site_env,
                              capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, done.stdout + done.stderr
    return path


@pytest.fixture
def site_factory(tmp_path_factory, template):
    return lambda **options: Site(tmp_path_factory.mktemp("site"), template, **options)


def test_killed_between_writing_a_file_and_committing_its_row_then_rerun(site_factory):
    site = site_factory()
    # Kill the moment a file is in storage that no committed document owns: the row is mid-way.
    attempts = 0
    while attempts < 5:
        attempts += 1
        process = site.start_import()
        kill_when(process, lambda: bool(site.orphans()))
        if site.orphans():
            break
    left = site.orphans()
    assert left, "no kill landed between the file and its row"
    assert {name for (name,) in site.query("SELECT name FROM documents_stagedfile")} >= left
    out = site.manage("import_deliberations", str(site.csv), "--files", str(site.acts))
    assert "fichier laissé par un import interrompu, supprimé" in out
    assert "0 en erreur" in out
    assert_complete(site)


def test_killed_between_rows_then_rerun_skips_what_is_in(site_factory):
    site = site_factory()
    process = site.start_import()
    kill_after_line(process, "ligne 4 : créée")
    created = len(site.query("SELECT number FROM deliberations_deliberationpage WHERE number LIKE 'K-%'"))
    assert 3 <= created < ROWS
    out = site.manage("import_deliberations", str(site.csv), "--files", str(site.acts))
    assert f"{ROWS - created} créée(s), {created} déjà importée(s), 0 en erreur" in out
    assert_complete(site)


def test_killed_during_extraction_then_rerun_extracts_what_was_left(site_factory):
    site = site_factory()
    process = site.start_import()
    kill_after_line(process, "Extraction du texte")
    pending = len(site.query("SELECT id FROM documents_archivedocument WHERE extraction_status = 'pending'"))
    assert pending > 0
    out = site.manage("import_deliberations", str(site.csv), "--files", str(site.acts))
    assert f"{pending} acte(s) déjà importé(s) dont le texte restait à extraire" in out
    assert f"0 créée(s), {ROWS} déjà importée(s)" in out
    assert_complete(site)


def test_killed_during_extraction_then_extract_pending_finishes(site_factory):
    site = site_factory()
    process = site.start_import()
    kill_after_line(process, "Extraction du texte")
    pending = len(site.query("SELECT id FROM documents_archivedocument WHERE extraction_status = 'pending'"))
    assert pending > 0
    out = site.manage("extract_pending")
    assert f"{pending} document(s) en attente traité(s)" in out
    assert_complete(site)
    assert "0 document(s) en attente traité(s)" in site.manage("extract_pending")  # nothing twice


def test_killed_during_extraction_then_the_worker_picks_pending_up_at_start(site_factory):
    site = site_factory()
    process = site.start_import()
    kill_after_line(process, "Extraction du texte")
    assert site.query("SELECT id FROM documents_archivedocument WHERE extraction_status = 'pending'")
    worker = site.start("db_worker", "--interval", "0.2", production=True)
    try:
        deadline = time.monotonic() + 240
        while site.query("SELECT id FROM documents_archivedocument WHERE extraction_status = 'pending'"):
            assert worker.poll() is None, "the worker stopped"
            assert time.monotonic() < deadline, "the worker left documents pending"
            time.sleep(0.5)
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=60)
    assert_complete(site)


def test_a_row_refused_after_its_act_was_stored_leaves_no_file(tmp_path, settings):
    """Rolled-back rows (here: a vote count that is not a number, found after the act was copied) leave nothing."""
    from io import StringIO

    from django.core.management import CommandError, call_command

    from erbm_cms.documents.models import ArchiveDocument, StagedFile

    acts = tmp_path / "actes"
    acts.mkdir()
    content = noisy_pdf(999)
    (acts / "R-1.pdf").write_bytes(content)
    csv_path = tmp_path / "refus.csv"
    row = {"COLL_NOM": "Douaisis Agglo", "DELIB_ID": "R-1", "DELIB_DATE": "2020-02-03", "DELIB_MATIERE_CODE": "8.5",
           "DELIB_OBJET": "Ligne refusée", "VOTE_EFFECTIF": "40", "VOTE_REEL": "30", "VOTE_POUR": "trente",
           "VOTE_CONTRE": "0", "VOTE_ABSTENTION": "0"}
    csv_path.write_text(";".join(COLUMNS) + "\r\n" + ";".join(row.get(c, "") for c in COLUMNS) + "\r\n", encoding="utf-8")
    stored_before = {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()}
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import_deliberations", str(csv_path), "--files", str(acts), stdout=out)
    assert "ligne 2 : erreur — VOTE_POUR « trente » n'est pas un nombre entier positif" in out.getvalue()
    new_files = {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()} - stored_before
    assert not any(p.read_bytes() == content for p in new_files)
    assert not StagedFile.objects.exists() and not ArchiveDocument.objects.filter(title__contains="R-1").exists()


@pytest.mark.skipif(bool(ocr_unavailable()), reason=f"OCR unavailable: {ocr_unavailable()}")
def test_ocr_killed_mid_document_then_rerun_reads_only_the_rest_with_its_progress_bar(site_factory):
    from tests.documents.scan_fixtures import scanned_pdf

    scans = 3
    # Scanned acts (two image-only pages each) imported while OCR was off: they wait, « sans texte ».
    site = site_factory(act=lambda number: scanned_pdf(2, seed=number), rows=scans, extra_env={"OCR_ENABLED": "0"})
    site.manage("import_deliberations", str(site.csv), "--files", str(site.acts))
    waiting = "SELECT COUNT(*) FROM documents_documentpage WHERE source = 'none' AND ocr_confidence IS NULL"
    assert site.query(waiting) == [(2 * scans,)]
    site.extra_env = {"OCR_ENABLED": "1"}

    def read_pages():
        return {(document, number): (text, confidence) for document, number, text, confidence in site.query(
            "SELECT document_id, number, text, ocr_confidence FROM documents_documentpage WHERE source = 'ocr'")}

    # Killed once a first act is read whole and the next one half: a page stored, its document unfinished.
    process = site.start("ocr_documents", "--jobs", "1")
    kill_when(process, lambda: len(read_pages()) % 2 == 1 and len(read_pages()) >= 3)
    before = read_pages()
    finished = {document for (document,) in site.query(
        "SELECT id FROM documents_archivedocument WHERE extraction_status = 'ocr'")}
    assert len(finished) >= 1 and len(before) == 2 * len(finished) + 1
    left = 2 * scans - len(before)

    # The rerun, its standard error on a terminal, draws its progress bar over the pages left only.
    terminal, child_side = pty.openpty()
    rerun = site.start("ocr_documents", "--jobs", "1", stderr=child_side)
    os.close(child_side)
    out, _ = rerun.communicate(timeout=600)
    drawn = b""
    while True:
        try:
            chunk = os.read(terminal, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        drawn += chunk
    os.close(terminal)
    assert rerun.returncode == 0, out
    assert f"{scans - len(finished)} document(s), {left} page(s) à lire par OCR." in out
    assert f"OCR [{'█' * 30}] {left}/{left}" in drawn.decode()
    done_again = {int(number) for number in re.findall(r"\] document n° (\d+) ", out)}
    assert done_again and not done_again & finished, out
    # Nothing read twice, nothing lost: the pages read before the kill are untouched, every page is read.
    after = read_pages()
    assert {key: after[key] for key in before} == before
    assert len(after) == 2 * scans and site.query(waiting) == [(0,)]
    statuses = site.query("SELECT extraction_status FROM documents_archivedocument WHERE file LIKE 'documents/k-%'")
    assert statuses == [("ocr",)] * scans


PUBLISHER = """
import datetime
from erbm_cms.news.models import CommuniquePage, NewsIndexPage
news = NewsIndexPage.objects.get()
for n in range(12):
    page = CommuniquePage(title=f"Communiqué simultané {n}", slug=f"communique-simultane-{n}",
                          date=datetime.date(2020, 2, 3), lead="Publié pendant un import.")
    news.add_child(instance=page)
    page.save_revision().publish()
    print(f"publié {n}", flush=True)
"""


def test_an_import_while_an_editor_keeps_publishing_creates_every_row_and_every_communique(site_factory):
    site = site_factory()
    site.manage("shell", "-c", "from erbm_cms.demo.loader import DemoLoader; "
                "from erbm_cms.news.models import NewsIndexPage; home = DemoLoader().load_home(); "
                "NewsIndexPage.objects.exists() or DemoLoader().child(home, NewsIndexPage(title='Actualités', slug='actualites'))")
    publisher = site.start("shell", "-c", PUBLISHER, production=True, stderr=subprocess.PIPE)
    importer = site.start("import_deliberations", str(site.csv), "--files", str(site.acts), production=True,
                          stderr=subprocess.STDOUT)
    import_output, _ = importer.communicate(timeout=600)
    published, errors = publisher.communicate(timeout=600)
    assert importer.returncode == 0, import_output
    assert publisher.returncode == 0, errors
    assert import_output.count(" : créée") == ROWS, import_output
    assert [line for line in published.splitlines() if line.startswith("publié")] == [f"publié {n}" for n in range(12)]
    numbers = [n for (n,) in site.query("SELECT number FROM deliberations_deliberationpage WHERE number LIKE 'K-%'")]
    assert sorted(numbers) == sorted(f"K-{n}" for n in range(ROWS))
    titles = site.query("SELECT title FROM wagtailcore_page WHERE title LIKE 'Communiqué simultané %' AND live")
    assert len(titles) == 12

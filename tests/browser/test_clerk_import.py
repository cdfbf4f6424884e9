"""A partner clerk's whole import in a real browser: second factor, upload, dry run, progress, report, on the site."""

import csv
import io
import re
import zipfile

from erbm_cms.demo.pdf import render_pdf
from tests.browser.conftest import (
    ADMIN_PASSWORD,
    IMPORT_CLERK,
    PARTNER_PASSWORD,
    REVIEWER,
    authenticator_code,
    enrol,
    screenshot,
    sign_in,
)
from tests.imports.helpers import act, csv_bytes, row

TITLE = "Convention de renouvellement urbain de la cité Notre-Dame"
ACT = render_pdf("Délibération NAV-IMP-1", [("", ["Le calorifugeage des réseaux de chaleur de la cité Notre-Dame est approuvé."])])


def new_page(browser):
    return browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900}, accept_downloads=True).new_page()


def test_a_clerk_signs_in_with_a_code_imports_a_csv_through_the_dry_run_and_the_record_reaches_the_site(browser, site, tmp_path):
    # The clerk enrols an authenticator app (offered to partners), then signs in with the password and a code.
    page = new_page(browser)
    sign_in(page, site, IMPORT_CLERK, PARTNER_PASSWORD)
    page.goto(f"{site}/admin/double-authentification/activer/")
    enrol(page, IMPORT_CLERK)
    page.context.close()
    page = new_page(browser)
    page.goto(f"{site}/admin/login/")
    page.fill("input[name=username]", IMPORT_CLERK)
    page.fill("input[name=password]", PARTNER_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/double-authentification/verifier/"))
    page.fill("input[name=code]", authenticator_code(IMPORT_CLERK))
    page.locator("form:has(input[name=code]) button[type=submit]").click()
    page.wait_for_url(f"{site}/admin/")

    # A CSV of three rows, one bad (a date that does not exist), and the acts: one zipped, one as is.
    csv_path = tmp_path / "deliberations-douaisis.csv"
    csv_path.write_bytes(csv_bytes([
        row("NAV-IMP-1", DELIB_OBJET=TITLE, DELIB_MATIERE_CODE="8.5"),
        row("NAV-IMP-2", DELIB_OBJET="Adhésion au groupement de commandes d'énergie"),
        row("NAV-IMP-3", DELIB_DATE="31/02/2024"),
    ], "cp1252"))
    zipped = tmp_path / "actes.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("actes/NAV-IMP-1.pdf", ACT)
    loose = tmp_path / "NAV-IMP-2.pdf"
    loose.write_bytes(act("NAV-IMP-2"))

    page.get_by_role("link", name="Importer des délibérations").first.click()
    page.wait_for_url(re.compile(r"/admin/imports/$"))
    page.get_by_role("link", name="Nouvel import").click()
    page.set_input_files("#id_csv_file", str(csv_path))
    page.set_input_files("#id_acts", [str(zipped), str(loose)])
    page.get_by_role("button", name="Envoyer et faire l'essai").click()
    page.wait_for_url(re.compile(r"/admin/imports/\d+/$"))

    # The dry run: each row, nothing written yet.
    assert "3 ligne(s) : 2 sera(ont) créée(s), 0 déjà présente(s), 1 en erreur" in page.inner_text("#bilan-essai")
    lines = page.locator("table.listing tbody tr")
    assert [lines.nth(n).locator("td").nth(2).inner_text() for n in range(3)] == ["sera créée", "sera créée", "erreur"]
    assert "DELIB_DATE « 31/02/2024 » n'est pas une date" in lines.nth(2).inner_text()
    assert lines.nth(2).locator("td").first.inner_text() == "4"
    screenshot(page, "parcours-import-essai")
    visitor = new_page(browser)
    assert visitor.request.get(f"{site}/api/recherche/", params={"q": "calorifugeage"}).json()["total"] == 0

    # Confirmed: the import runs in the background and the progress page follows it to its end.
    page.get_by_role("button", name="Lancer l'import").click()
    page.wait_for_url(re.compile(r"/admin/imports/\d+/$"))
    progress = page.locator("#lignes-traitees")
    progress.get_by_text("3 ligne(s) traitée(s) sur 3").wait_for(timeout=120_000)
    assert "2 créée(s), 0 déjà présente(s), 1 en erreur" in progress.inner_text()
    assert "Extraction du texte en attente : 0 acte(s)" in progress.inner_text()
    assert page.locator("#barre-avancement").get_attribute("value") == "3"
    screenshot(page, "parcours-import-avancement")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger le rapport (CSV)").click()
    report = download_info.value
    assert report.suggested_filename.startswith("rapport-import-")
    records = list(csv.DictReader(io.StringIO(open(report.path(), encoding="utf-8-sig").read()), delimiter=";"))
    assert [(r["ligne"], r["résultat"]) for r in records] == [("2", "créée"), ("3", "créée"), ("4", "erreur")]
    assert "soumise à la validation de la délégation" in records[0]["détail"]
    page.context.close()

    # The delegation approves the clerk's deposit; the record is then on the site, with its act.
    page = new_page(browser)
    sign_in(page, site, REVIEWER, ADMIN_PASSWORD)
    pending = page.locator("tr", has_text=TITLE)
    pending.get_by_role("button", name="Actions").click()
    pending.locator("button[data-workflow-action-url]", has_text="Approuver avec un commentaire").click()
    page.fill("textarea[name='comment']", "Import conforme.")
    with page.expect_response(lambda response: "/approve/" in response.url and response.request.method == "POST"):
        page.locator("form[action*='/approve/'] button[type='submit']").click()  # the dashboard is already /admin/
    page.wait_for_url(f"{site}/admin/")
    screenshot(page, "parcours-import-valide")
    page.context.close()

    visitor.goto(f"{site}/deliberations/douaisis-agglo/")
    screenshot(visitor, "parcours-import-rubrique")
    visitor.get_by_role("link", name=TITLE).click()
    assert "NAV-IMP-1" in visitor.inner_text("#contenu")
    act_link = visitor.get_by_role("link", name=re.compile("Acte signé"))
    pdf = visitor.request.get(site + act_link.get_attribute("href"))
    assert pdf.status == 200 and pdf.body() == ACT
    found = visitor.request.get(f"{site}/api/recherche/", params={"q": "calorifugeage", "partenaire": "douaisis-agglo"}).json()
    assert any(r["title"] == TITLE and r["document"] for r in found["results"])
    screenshot(visitor, "parcours-import-publie")
    visitor.context.close()

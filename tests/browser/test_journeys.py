"""What people do on the site, in a real browser: search the archive, publish a communiqué, review a deposit."""

import datetime
import re

from tests.browser.conftest import ADMIN_PASSWORD, PARTNER_EMAIL, PARTNER_PASSWORD, REVIEWER, screenshot, sign_in
from tests.documents import pdf_fixtures


def test_a_visitor_searches_from_the_home_page_narrows_and_opens_a_pdf_at_its_page(page, site):
    page.goto(site + "/")
    page.fill("#recherche-entete-champ", "réhabilitation des logements")
    page.press("#recherche-entete-champ", "Enter")
    page.wait_for_url(re.compile(r"/recherche/\?q="))
    assert "résultat" in page.inner_text("#titre-resultats")
    page.get_by_role("navigation", name="Partenaire").get_by_role("link").first.click()
    page.wait_for_url(re.compile(r"partenaire="))
    page.get_by_role("navigation", name="Année").get_by_role("link").first.click()
    page.wait_for_url(re.compile(r"annee="))
    assert "partenaire=" in page.url and "annee=" in page.url
    screenshot(page, "parcours-recherche-affinee")
    pdf_link = page.locator("a.fr-icon-file-pdf-line").first
    href = pdf_link.get_attribute("href")
    assert re.search(r"/documents/\d+/.+\.pdf#page=\d+$", href), href
    response = page.request.get(site + href.split("#")[0])
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")


def test_keyboard_reaches_the_search_box_facets_and_pagination(page, site):
    page.goto(site + "/recherche/")
    reached = set()
    for _ in range(250):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => {
            const e = document.activeElement;
            return [e.id || '', e.className || '', e.closest('nav') ? (e.closest('nav').getAttribute('aria-label') || '') : ''];
        }""")
        if focused[0] == "champ-recherche":
            reached.add("search")
        if "fr-tag" in focused[1]:
            reached.add("facet")
        if "fr-pagination__link" in focused[1]:
            reached.add("pagination")
        if reached == {"search", "facet", "pagination"}:
            break
    assert reached == {"search", "facet", "pagination"}


def test_an_editor_signs_in_publishes_a_communique_and_sees_it_on_the_home_page(page, site):
    sign_in(page, site, "admin", ADMIN_PASSWORD)
    page.goto(site + "/admin/pages/")
    news_id = page.evaluate("""async () => {
        const r = await fetch('/api/v2/pages/?type=news.NewsIndexPage&fields=id');
        return (await r.json()).items[0].id;
    }""")
    page.goto(f"{site}/admin/pages/add/news/communiquepage/{news_id}/")
    title = "Inauguration du centre social de la cité des Provinces"
    page.fill("#id_title", title)
    page.fill("#id_date", datetime.date.today().strftime("%d/%m/%Y"))
    page.fill("#id_lead", "Le nouveau centre social ouvre ses portes aux habitants de la cité.")
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
    page.locator("button[name='action-publish']").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/"))
    screenshot(page, "parcours-redaction-admin")
    page.goto(site + "/")
    assert title in page.inner_text("#contenu")
    screenshot(page, "parcours-redaction-accueil")


def test_a_partner_deposits_a_deliberation_the_delegation_approves_it_and_it_is_published(browser, site, tmp_path):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, site, PARTNER_EMAIL, PARTNER_PASSWORD)
    # The signed act, uploaded into the partner's own collection.
    act = tmp_path / "deliberation-2019-nav-1.pdf"
    act.write_bytes(pdf_fixtures.text_pdf())
    page.goto(f"{site}/admin/documents/add/")
    page.fill("#id_title", "Délibération 2019-NAV-1 signée")
    page.set_input_files("#id_file", str(act))
    page.locator("form button[type='submit']").last.click()
    page.wait_for_url(re.compile(r"/admin/documents/"))
    document_id = page.evaluate(r"""async () => {
        const r = await fetch('/admin/documents/results/?q=2019-NAV-1');
        const m = (await r.text()).match(/documents\/edit\/(\d+)\//);
        return m ? parseInt(m[1]) : null;
    }""")
    assert document_id, "the partner's upload is not in the document library"
    section_id = page.evaluate("""async () => {
        const r = await fetch('/api/v2/pages/?type=deliberations.PartnerDeliberationsPage&slug=douaisis-agglo');
        return (await r.json()).items[0].id;
    }""")
    page.goto(f"{site}/admin/pages/add/deliberations/deliberationpage/{section_id}/")
    page.fill("#id_title", "Adhésion au plan de mobilité du Douaisis")
    page.select_option("#id_deliberating_body", "conseil_communautaire")
    page.fill("#id_session_date", "14/03/2019")
    page.fill("#id_number", "2019-NAV-1")
    page.fill("#id_actes_code", "8.7")
    # The act: what the document chooser would put in its hidden field.
    page.evaluate(f"document.querySelector('#id_act_document').value = '{document_id}'")
    page.locator("[data-w-dropdown-target='toggle']").last.click()
    page.locator("button[name='action-submit']").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/"))
    screenshot(page, "parcours-depot-partenaire")
    context.close()

    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, site, REVIEWER, ADMIN_PASSWORD)
    row = page.locator("tr", has_text="Adhésion au plan de mobilité du Douaisis")  # "awaiting your review"
    row.get_by_role("button", name="Actions").click()
    row.locator("button[data-workflow-action-url]", has_text="Approuver avec un commentaire").click()
    page.fill("textarea[name='comment']", "Conforme, à publier.")
    screenshot(page, "parcours-validation")
    with page.expect_response(lambda response: "/approve/" in response.url and response.request.method == "POST"):
        page.locator("form[action*='/approve/'] button[type='submit']").click()  # the dashboard is already /admin/
    page.wait_for_url(f"{site}/admin/")
    context.close()

    visitor = browser.new_context(locale="fr-FR")
    page = visitor.new_page()
    page.goto(site + "/deliberations/douaisis-agglo/")
    assert "Adhésion au plan de mobilité du Douaisis" in page.inner_text("#contenu")
    page.get_by_role("link", name="Adhésion au plan de mobilité du Douaisis").click()
    screenshot(page, "parcours-deliberation-publiee")
    act_link = page.get_by_role("link", name=re.compile("Acte signé"))
    assert "PDF –" in page.inner_text("#contenu")
    pdf = page.request.get(site + act_link.get_attribute("href"))
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF-")
    search = page.request.get(site + "/api/recherche/?q=r%C3%A9habilitation+%C3%A9nerg%C3%A9tique&partenaire=douaisis-agglo").json()
    assert any(r["title"] == "Adhésion au plan de mobilité du Douaisis" and r["document"] for r in search["results"])
    feed = page.request.get(site + "/deliberations/douaisis-agglo/rss.xml").text()
    assert "Adhésion au plan de mobilité du Douaisis" in feed
    export = page.request.get(site + "/deliberations/export.csv").text()
    assert "2019-NAV-1" in export and f"/documents/{document_id}/" in export
    visitor.close()

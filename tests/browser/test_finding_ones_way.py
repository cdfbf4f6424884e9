"""The public finds its way (issue 17), seen in a real browser."""

import pytest

from tests.browser.conftest import screenshot

TABLE_PAGES = ["/deliberations/", "/deliberations/douaisis-agglo/", "/comites-de-pilotage/comite-de-pilotage-2018-02-05/"]


@pytest.mark.parametrize("path", TABLE_PAGES)
def test_tables_wrap_their_cells_instead_of_cutting_columns_at_1280_pixels(page, site, path):
    page.goto(site + path)
    containers = page.locator(".fr-table__container")
    assert containers.count() >= 1
    for index in range(containers.count()):
        hidden = containers.nth(index).evaluate("el => el.scrollWidth - el.clientWidth")
        assert hidden <= 1, f"table {index} of {path} hides {hidden}px of its columns"
    screenshot(page, "tableau-" + path.strip("/").replace("/", "-"))


def test_shared_links_carry_a_title_a_summary_and_an_image(page, site):
    page.goto(site + "/actualites/visite-premier-ministre-pecquencourt-douai/")
    og = {name: page.locator(f'meta[property="og:{name}"]').get_attribute("content") for name in ("title", "description", "url", "image")}
    assert og["title"].startswith("Visite du Premier ministre")
    assert len(og["description"]) > 50
    assert og["url"] == page.locator('link[rel="canonical"]').get_attribute("href")
    assert page.request.get(og["image"]).headers["content-type"] == "image/png"


def test_the_site_map_is_reached_from_the_footer_and_leads_everywhere(page, site):
    page.goto(site + "/")
    page.locator("#pied-de-page").get_by_role("link", name="Plan du site").click()
    page.wait_for_url(site + "/plan-du-site/")
    assert page.get_by_role("heading", level=1).inner_text() == "Plan du site"
    page.get_by_role("link", name="Communauté d'agglomération du Douaisis").click()
    page.wait_for_url(site + "/deliberations/douaisis-agglo/")


def test_the_engagement_in_pictures_draws_each_chart_under_the_sites_own_policy(browser, site):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))
    try:
        page.goto(site + "/engagement/")
        page.get_by_role("link", name="L'engagement en chiffres").click()
        page.wait_for_url(site + "/engagement/en-chiffres/")
        charts = page.locator("bar-chart")
        assert charts.count() == 3
        page.locator("bar-chart canvas").nth(2).wait_for()
        assert page.locator("bar-chart canvas").count() == 3
        for index in range(3):
            box = charts.nth(index).locator("canvas").bounding_box()
            assert box["width"] > 200 and box["height"] > 100
        # Each chart has its data as a table beside it.
        year_table = page.locator("#donnees-deliberations-par-annee table")
        assert "Total" in year_table.inner_text()
        assert page.locator("#donnees-deliberations-par-partenaire tbody tr").count() == 12
        assert not violations, violations
        scripts = page.evaluate("[...document.scripts].map(s => s.src)")
        assert all(src.startswith(site) for src in scripts)
        screenshot(page, "engagement-en-chiffres")
    finally:
        context.close()


def test_names_lead_to_the_archive_filtered_on_them(page, site):
    page.goto(site + "/deliberations/douaisis-agglo/convention-de-financement-du-pole-dechanges-multimodal-de-la-gare/")
    subject = page.locator("dd a[href^='/deliberations/?matiere=']")
    code = subject.get_attribute("href").split("=")[1]
    subject.click()
    page.wait_for_url(f"{site}/deliberations/?matiere={code}")
    assert page.get_by_role("heading", name=f"Délibérations de matière {code}").count() == 1
    codes = page.locator("#liste tbody td:last-child").all_inner_texts()
    assert codes and all(text.startswith(code) for text in codes)

    page.locator("#liste tbody td a[href^='/recherche/?partenaire=']").first.click()
    page.wait_for_url(f"{site}/recherche/?partenaire=*")
    assert "résultat" in page.locator("#titre-resultats").inner_text()

    page.goto(site + "/actualites/signature-protocole-engagement/")
    page.get_by_role("link", name="signature", exact=True).click()
    page.wait_for_url(f"{site}/actualites/?sujet=signature")
    assert "Sujet : signature" in page.locator("main").inner_text()
    page.goto(site + "/engagement/")
    page.get_by_role("link", name="Axe 1 :").first.click()
    page.wait_for_url(f"{site}/recherche/?axe=1&tri=date")
    screenshot(page, "recherche-par-axe")


def test_a_partner_follows_a_search_by_feed_and_by_e_mail(browser, site):
    from tests.browser.conftest import PARTNER_EMAIL, PARTNER_PASSWORD, sign_in

    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(site + "/recherche/?q=logement&type=communique")
        feed = page.get_by_role("link", name="flux RSS")
        assert feed.get_attribute("href") == "/recherche/rss.xml?q=logement&type=communique"
        response = page.request.get(site + feed.get_attribute("href"))
        assert response.status == 200 and "<rss" in response.text()
        assert page.locator('link[rel="alternate"][title="Cette recherche (Atom)"]').get_attribute("href") == \
            "/recherche/atom.xml?q=logement&type=communique"

        sign_in(page, site, PARTNER_EMAIL, PARTNER_PASSWORD)
        page.goto(site + "/recherche/?q=logement&type=communique")
        page.get_by_role("button", name="Recevoir les nouveaux résultats par courriel").click()
        page.wait_for_url(site + "/recherche/?q=logement&type=communique")
        assert "Alerte enregistrée" in page.get_by_role("status").inner_text()
        page.get_by_role("link", name="Vos alertes").click()
        assert page.get_by_role("link", name="« logement » · Communiqué").count() == 1
        screenshot(page, "alertes-de-recherche")
        page.get_by_role("button", name="Ne plus suivre la recherche « logement » · Communiqué").click()
        assert "Vous ne suivez plus la recherche" in page.get_by_role("status").inner_text()
    finally:
        context.close()


def test_see_also_leads_from_record_to_record(page, site):
    page.goto(site + "/deliberations/douaisis-agglo/convention-de-financement-du-pole-dechanges-multimodal-de-la-gare/")
    section = page.get_by_role("region", name="Voir aussi")
    links = section.get_by_role("link")
    assert 1 <= links.count() <= 4
    title = links.first.inner_text()
    links.first.click()
    assert page.get_by_role("heading", level=1).inner_text() == title
    assert page.get_by_role("region", name="Voir aussi").get_by_role("link").count() >= 1
    screenshot(page, "voir-aussi")

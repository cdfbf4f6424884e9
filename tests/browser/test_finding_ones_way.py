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

"""The delegation's editors in a real browser: second factor, search curation, a committee announced ahead."""

import datetime
import re

from icalendar import Calendar

from tests.browser.conftest import ADMIN_PASSWORD, EDITOR, screenshot, sign_in

QUERY = "réhabilitation des logements"


def new_page(browser):
    return browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900}).new_page()


def test_an_editor_enrols_signs_in_with_a_code_promotes_a_record_and_announces_a_committee(browser, site):
    # First sign-in: the password, then the enrolment page (QR code, key, first code), then the recovery codes.
    page = new_page(browser)
    page.goto(f"{site}/admin/login/")
    assert "Connexion à l'espace de gestion" in page.inner_text("main")
    sign_in(page, site, EDITOR, ADMIN_PASSWORD)
    page.context.close()

    # Later sign-in: the password alone does not open the admin; the app's code does.
    page = new_page(browser)
    page.goto(f"{site}/admin/login/")
    page.fill("input[name=username]", EDITOR)
    page.fill("input[name=password]", ADMIN_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/double-authentification/verifier/"))
    assert "Confirmez votre connexion" in page.inner_text("main")
    page.goto(f"{site}/admin/pages/")
    assert "/double-authentification/verifier/" in page.url
    page.fill("input[name=code]", "000000")
    page.locator("form:has(input[name=code]) button[type=submit]").click()
    assert "Code incorrect ou expiré" in page.inner_text("main")
    screenshot(page, "parcours-double-authentification")
    page.context.close()
    page = new_page(browser)
    sign_in(page, site, EDITOR, ADMIN_PASSWORD)  # waits out the throttle of the wrong code if needed

    # The editor promotes a deliberation that the search does not rank first for a query.
    organic = page.request.get(f"{site}/api/recherche/", params={"q": QUERY}).json()["results"]
    promoted = organic[-1]
    assert promoted["title"] != organic[0]["title"]
    page_id = page.evaluate("""async (url) => {
        const slug = url.split('/').filter(Boolean).pop();
        const r = await fetch('/api/v2/pages/?slug=' + encodeURIComponent(slug));
        const items = (await r.json()).items;
        return items.find(item => new URL(item.meta.html_url).pathname === url).id;
    }""", promoted["url"])
    page.goto(f"{site}/admin/searchpicks/add/")
    page.fill("#id_query_string", QUERY)
    page.click("#id_editors_picks-ADD")
    page.evaluate(f"document.querySelector('#id_editors_picks-0-page').value = '{page_id}'")
    page.fill("#id_editors_picks-0-description", "La délibération de référence sur les logements.")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/admin/searchpicks/$"))

    # A visitor searching for the query sees it first.
    visitor = new_page(browser)
    visitor.goto(f"{site}/")
    visitor.fill("#recherche-entete-champ", QUERY)
    visitor.press("#recherche-entete-champ", "Enter")
    visitor.wait_for_url(re.compile(r"/recherche/\?q="))
    first_link = visitor.locator("#contenu section a[href^='/']").first
    assert first_link.inner_text() == promoted["title"]
    assert "Sélection de la rédaction" in visitor.inner_text("#selection-redaction")
    screenshot(visitor, "parcours-resultat-promu")

    # The editor announces the next steering committee; the home page and the calendar list it.
    index_id = page.evaluate("""async () => {
        const r = await fetch('/api/v2/pages/?type=minutes.MinutesIndexPage');
        return (await r.json()).items[0].id;
    }""")
    day = datetime.date.today() + datetime.timedelta(days=21)
    response = page.goto(f"{site}/admin/pages/add/minutes/minutespage/{index_id}/")
    assert response.status == 200 and "/add/" in page.url, (index_id, page.url, page.inner_text("body")[:300])
    page.fill("#id_title", "Comité de pilotage d'automne")
    page.select_option("#id_status", "a_venir")
    page.fill("#id_meeting_date", day.strftime("%d/%m/%Y"))
    page.fill("#id_start_time", "14:30")
    page.fill("#id_place", "Oignies, 9-9 bis")
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
    page.locator("button[name='action-publish']").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/"))

    visitor.goto(f"{site}/")
    assert "Comité de pilotage d'automne" in visitor.inner_text("#prochains-comites + ul")
    visitor.get_by_role("link", name="S'abonner au calendrier des comités (iCalendar)").first.wait_for()
    response = visitor.request.get(f"{site}/comites-de-pilotage/calendrier.ics")
    assert response.headers["content-type"].startswith("text/calendar")
    events = {str(event["summary"]): event for event in Calendar.from_ical(response.body()).walk("VEVENT")}
    event = events["Comité de pilotage d'automne"]
    assert event.decoded("dtstart").date() == day and event.decoded("dtstart").hour == 14
    assert str(event["location"]) == "Oignies, 9-9 bis"
    screenshot(visitor, "parcours-comite-annonce")

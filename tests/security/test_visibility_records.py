"""Hostile reading of planted records: pages, lists, feeds, sitemap, API, export, search and suggestions.

Draft, unpublished and expired records are seen by nobody on the public site;
records reserved to partners by partner and delegation members only.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Page

from erbm_cms.records.visibility import can_see, visible_pages

from .planting import HIDDEN_FROM_EVERYONE, PUBLIC, RESTRICTED, words

pytestmark = pytest.mark.django_db

HIDDEN = words(HIDDEN_FROM_EVERYONE)
RESERVED = words(RESTRICTED)


def text(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace").lower()
    return response.content.decode(errors="replace").lower()


def url_of(page):
    return Page.objects.get(pk=page.pk).get_url() or ("/" + "/".join(page.url_path.strip("/").split("/")[1:]) + "/")


def outsider():
    user = get_user_model().objects.create_user("curieux", "curieux@example.invalid", "mot-de-passe-de-test")
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("state", ["draft", "unpublished", "expired"])
def test_hidden_records_answer_404_to_everyone_on_the_site(planted, anonymous, client_a, client_b, client_reviewer, state):
    url = url_of(planted.pages[state])
    for client in (anonymous, client_a, client_b, client_reviewer):
        response = client.get(url)
        assert response.status_code == 404, (state, response.status_code)
        # The 404 page may repeat the address asked for (canonical link); the record's title is never shown.
        assert planted.pages[state].title.lower() not in text(response)


@pytest.mark.parametrize("state", ["restricted", "restricted_news"])
def test_restricted_records_are_served_to_partners_and_delegation_only(planted, anonymous, client_a, client_reviewer, state):
    url = url_of(planted.pages[state])
    response = anonymous.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert RESTRICTED[state][0] not in text(response)
    response = outsider().get(url)
    assert response.status_code == 403 and RESTRICTED[state][0] not in text(response)
    # The site's own « Accès refusé » page (403.html), saying why, not a bare sentence.
    assert "accès refusé" in text(response) and "votre compte ne permet pas de la consulter" in text(response)
    for client in (client_a, client_reviewer):
        response = client.get(url)
        assert response.status_code == 200 and RESTRICTED[state][0] in text(response)


def test_url_variants_of_a_restricted_record_do_not_get_around_the_rule(planted, anonymous):
    url = url_of(planted.pages["restricted"])
    title = planted.pages["restricted"].title.lower()
    for variant in (url.rstrip("/"), url.upper(), url.replace("/", "//"), url + "?format=json", url + "%2f",
                    url + ".", url + "%2e/", url[:-1] + "%2F", url + "../" + url.strip("/").split("/")[-1] + "/"):
        response = anonymous.get(variant, follow=True)
        # The sign-in page may repeat the address asked for; the record itself is never shown.
        assert response.status_code in (200, 404) and title not in text(response), variant
        assert response.status_code == 404 or response.request["PATH_INFO"].startswith("/admin/login"), variant


LISTS = ["/", "/actualites/", "/deliberations/", "/comites-de-pilotage/"]


def section_url(planted):
    return url_of(planted.pages["public"].get_parent())


def test_lists_show_no_hidden_or_reserved_record_to_visitors(planted, anonymous):
    pages = [anonymous.get(url) for url in LISTS + [section_url(planted), "/actualites/?annee=2024"]]
    assert all(response.status_code == 200 for response in pages)
    seen = " ".join(text(response) for response in pages)
    assert PUBLIC[0] in seen, "the control record is listed"
    for word in HIDDEN + RESERVED:
        assert word not in seen, word


def test_lists_show_reserved_records_to_partners_but_never_hidden_ones(planted, client_a, client_reviewer):
    for client in (client_a, client_reviewer):
        seen = " ".join(text(client.get(url)) for url in LISTS + [section_url(planted)])
        for word in (RESTRICTED["restricted"][0], RESTRICTED["restricted_news"][0], PUBLIC[0]):
            assert word in seen, word
        for word in HIDDEN:
            assert word not in seen, word


def test_an_expired_communique_leaves_the_home_page_and_the_news_years(planted, anonymous):
    home, news = text(anonymous.get("/")), text(anonymous.get("/actualites/"))
    expired = HIDDEN_FROM_EVERYONE["expired_news"][0]
    assert expired not in home and expired not in news


def api_listing(client, endpoint, **params):
    """Every item of an API v2 listing, page after page, as text."""
    bodies, offset = [], 0
    while True:
        response = client.get(f"/api/v2/{endpoint}/", {"limit": 20, "offset": offset, **params})
        assert response.status_code == 200, response.content
        bodies.append(text(response))
        offset += 20
        if offset >= response.json()["meta"]["total_count"]:
            return " ".join(bodies)


@pytest.mark.parametrize("url", ["/actualites/rss.xml", "/actualites/atom.xml", "/sitemap.xml", "/deliberations/export.csv",
                                 "api:pages", "api:documents", "api:images"])
def test_outputs_for_machines_hold_only_public_records(planted, anonymous, client_a, url):
    for client in (anonymous, client_a):
        if url.startswith("api:"):
            body = api_listing(client, url[4:], **({"fields": "title"} if url == "api:pages" else {}))
        else:
            response = client.get(url)
            assert response.status_code == 200, url
            body = text(response)
        for word in HIDDEN + RESERVED + ["quenouilleimage"]:
            assert word not in body, (url, word)


def test_partner_feeds_and_export_hold_only_public_records(planted, anonymous):
    slug = planted.partner_b.slug
    bodies = [text(anonymous.get(f"/deliberations/{slug}/{name}")) for name in ("rss.xml", "atom.xml", "export.csv")]
    assert all(PUBLIC[0] in body for body in bodies)
    for word in HIDDEN + RESERVED:
        assert all(word not in body for body in bodies), word


def test_api_detail_of_a_hidden_page_is_not_found(planted, anonymous):
    for state in ("draft", "unpublished", "expired", "restricted", "restricted_news"):
        assert anonymous.get(f"/api/v2/pages/{planted.pages[state].pk}/").status_code == 404, state
        document = planted.documents[state]
        assert anonymous.get(f"/api/v2/documents/{document.pk}/").status_code == 404, state
    assert anonymous.get(f"/api/v2/images/{planted.image.pk}/").status_code == 404
    for state in ("draft", "unpublished", "expired", "restricted"):
        path = url_of(planted.pages[state])
        assert anonymous.get("/api/v2/pages/find/", {"html_path": path}).status_code == 404, state
    parent = planted.pages["restricted"].get_parent().pk
    listing = api_listing(anonymous, "pages", child_of=parent)
    assert RESTRICTED["restricted"][0] not in listing and PUBLIC[0] in listing


def search(client, **params):
    response = client.get("/api/recherche/", params)
    assert response.status_code == 200, response.content
    return response.json()


def test_search_finds_hidden_words_for_nobody(planted, anonymous, client_a, client_b, client_reviewer):
    for client in (anonymous, client_a, client_b, client_reviewer):
        for word in HIDDEN:
            assert search(client, q=word)["total"] == 0, word
        assert search(client, q=PUBLIC[1])["total"] == 1


def test_search_finds_reserved_words_for_partners_only(planted, anonymous, client_a, client_reviewer):
    for word in RESERVED:
        assert search(anonymous, q=word)["total"] == 0
        assert search(client_a, q=word)["total"] == 1
        assert search(client_reviewer, q=word)["total"] == 1


def test_facets_count_only_visible_records(planted, anonymous, client_a):
    slug = planted.partner_b.slug
    anonymous_facets = search(anonymous, partenaire=slug)
    partner_facets = search(client_a, partenaire=slug)
    assert partner_facets["total"] == anonymous_facets["total"] + 1  # the restricted one, nothing hidden
    assert anonymous_facets["facets"]["annee"].get("2021") == 1  # the control only
    html = text(anonymous.get("/recherche/", {"partenaire": slug, "annee": 2021}))
    for word in HIDDEN + RESERVED:
        assert word not in html


def misspell(word):
    return word[:4] + word[5:]


@pytest.mark.parametrize("word", HIDDEN + RESERVED)
def test_suggestions_never_offer_a_word_the_user_cannot_see(planted, anonymous, client_a, word):
    typo = misspell(word)
    clients = [anonymous] if word in RESERVED else [anonymous, client_a]
    for client in clients:
        answer = search(client, q=typo)
        assert word not in (answer["suggestion"] or ""), (word, answer["suggestion"])
        assert word not in text(client.get("/recherche/", {"q": typo}))


def test_suggestions_still_offer_words_the_user_may_see(planted, anonymous, client_a):
    assert search(anonymous, q=misspell(PUBLIC[0]))["suggestion"] == PUBLIC[0]
    assert search(client_a, q=misspell(RESTRICTED["restricted"][0]))["suggestion"] == RESTRICTED["restricted"][0]


def test_the_rule_as_a_function_and_as_a_queryset_agree(planted, editor_a):
    pages = Page.objects.filter(pk__in=[page.pk for page in planted.pages.values()])
    for user in (None, editor_a):
        listed = set(visible_pages(user, pages).values_list("pk", flat=True))
        assert listed == {page.pk for page in pages if can_see(user, page)}
    assert set(visible_pages(None, pages).values_list("pk", flat=True)) == {planted.pages["public"].pk}
    assert set(visible_pages(editor_a, pages).values_list("pk", flat=True)) == {
        planted.pages[name].pk for name in ("public", "restricted", "restricted_news")}

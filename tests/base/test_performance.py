"""List pages do a constant number of queries as lists grow; anonymous pages are cached until a change."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.search import records

pytestmark = pytest.mark.django_db


def add_minutes(n):
    from erbm_cms.minutes.models import MinutesIndexPage, MinutesPage

    page = MinutesPage(title=f"Comité de pilotage {n}", meeting_date=datetime.date(2020, 1, 1 + n), place="Oignies",
                       chair="Préfet de région", summary="Point d'étape.")
    MinutesIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()


def queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "url, add",
    [
        ("/actualites/", lambda n: records.communique(f"Communiqué {n}", date=datetime.date(2021, 1, 1 + n))),
        ("/", lambda n: records.communique(f"Communiqué {n}", date=datetime.date(2021, 1, 1 + n))),
        ("/deliberations/", lambda n: records.deliberation(f"Délibération {n}", axes=[1])),
        ("/deliberations/douaisis-agglo/", lambda n: records.deliberation(f"Délibération {n}", axes=[1])),
        ("/comites-de-pilotage/", lambda n: add_minutes(n)),
        ("/recherche/?q=kiosque", lambda n: records.deliberation(f"Kiosque {n}", pdf_pages=[f"Kiosque page {n}."])),
        ("/recherche/?type=deliberation", lambda n: records.deliberation(f"Délibération {n}")),
    ],
)
def test_list_pages_do_not_query_per_item(client, url, add):
    add(0)
    add(1)
    client.get(url)  # first search of the day: its counter row is created (search statistics)
    before = queries(client, url)
    for n in range(2, 6):
        add(n)
    assert queries(client, url) == before, url


def test_anonymous_pages_are_cached_and_a_publication_empties_the_cache(client, settings, editor):
    settings.PAGE_CACHE_SECONDS = 300
    first = client.get("/actualites/")
    assert first["X-Page-Cache"] == "miss"
    second = client.get("/actualites/")
    assert second["X-Page-Cache"] == "hit" and second.content == first.content
    assert second["Content-Security-Policy"]  # security headers on cached pages too
    records.communique("Nouveau communiqué après mise en cache", date=datetime.date.today())
    third = client.get("/actualites/")
    assert third["X-Page-Cache"] == "miss"
    assert "Nouveau communiqué après mise en cache" in third.content.decode()


def test_signed_in_users_and_search_are_never_cached(client, settings, editor):
    settings.PAGE_CACHE_SECONDS = 300
    client.get("/recherche/?q=logement")
    assert "X-Page-Cache" not in client.get("/recherche/?q=logement")
    client.force_login(editor)
    client.get("/")
    assert "X-Page-Cache" not in client.get("/")


def test_a_long_list_links_the_first_and_last_pages_and_the_neighbours_of_the_current_one():
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string

    html = render_to_string("includes/pagination.html", {"page_obj": Paginator(range(50_000), 10).page(2500), "base_query": "q=budget"})
    numbers = re.findall(r'title="Page (\d+)"', html)
    assert numbers == ["1", "2498", "2499", "2500", "2501", "2502", "5000"]
    assert html.count("…") == 2
    assert 'href="?q=budget&amp;page=2501"' in html and 'aria-current="page" title="Page 2500"' in html
    first = render_to_string("includes/pagination.html", {"page_obj": Paginator(range(50_000), 10).page(1)})
    assert re.findall(r'title="Page (\d+)"', first) == ["1", "2", "3", "5000"] and first.count("…") == 1


def test_a_page_restricted_after_it_was_cached_stays_hidden_when_the_cache_drops_its_generation(client, settings):
    from django.core.cache import cache
    from wagtail.models import PageViewRestriction

    from erbm_cms.base.page_cache import GENERATION_KEY
    from erbm_cms.news.models import NewsIndexPage

    settings.PAGE_CACHE_SECONDS = 300
    client.get("/actualites/")
    assert client.get("/actualites/")["X-Page-Cache"] == "hit"
    PageViewRestriction.objects.create(page=NewsIndexPage.objects.get(), restriction_type=PageViewRestriction.LOGIN)
    cache.delete(GENERATION_KEY)  # a full file cache culls entries, the generation among them
    response = client.get("/actualites/")
    assert response.status_code == 302  # to the sign-in page, not the copy kept before the restriction

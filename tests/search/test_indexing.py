"""The database index written in bulk: after a rebuild, a change or a deletion, searchers find what is published."""

import re

import pytest
from django.core.management import call_command
from wagtail.models import Page

from search.models import SearchEntry
from tests.search import records

pytestmark = pytest.mark.django_db

QUERIES = ["sylviculture", "houblonnière", "carreau de fosse", "chevalement", "logements", "budget", "terril"]


def api(client, **params):
    return client.get("/api/recherche/", params).json()


def answers(client):
    """What a searcher sees for each query: the total, the facets and each hit (order of ties aside)."""
    seen = {}
    for query in QUERIES:
        data = api(client, q=query)
        hits = sorted((hit["title"], hit["snippet"], str(hit["document"])) for hit in data["results"])
        seen[query] = (data["total"], data["facets"], hits, data["suggestion"])
    return seen


def test_a_rebuild_answers_as_the_index_kept_page_by_page(client):
    records.deliberation("Aménagement du carreau de fosse", pdf_pages=["Première page.", "La sylviculture du massif."])
    records.communique("Réhabilitation de la houblonnière", body="Le chevalement et le terril voisins.")
    before = answers(client)
    assert before["sylviculture"][0] == 1 and before["houblonnière"][0] == 1
    call_command("rebuild_search_index")
    assert answers(client) == before


def test_a_rebuild_shows_its_rate_and_drops_the_records_no_longer_published(client, capsys):
    page = records.deliberation("Chevalement oublié")
    Page.objects.filter(pk=page.pk).update(live=False)  # unpublished behind the index's back
    call_command("rebuild_search_index")
    assert re.search(r"Base de données : \d+ en [\d,]+ s \(\d+/s\)", capsys.readouterr().err)
    assert not SearchEntry.objects.filter(page_id=page.pk).exists()
    assert api(client, q="chevalement")["total"] == 0


def test_suggestions_follow_the_records_through_a_rebuild_an_edit_and_a_deletion(client):
    page = records.deliberation("Réhabilitation de la houblonnière de Lallaing")
    assert api(client, q="houblonere")["suggestion"] == "houblonnière"  # as soon as it is published
    call_command("rebuild_search_index")
    assert api(client, q="houblonere")["suggestion"] == "houblonnière"  # the rebuilt vocabulary, accents as written
    page = records.refresh(page)
    page.title = "Réhabilitation de la brasserie de Lallaing"
    page.save_revision().publish()
    assert api(client, q="houblonere")["suggestion"] is None  # no record holds it any more
    assert api(client, q="braserie")["suggestion"] == "brasserie"
    Page.objects.get(pk=page.pk).delete()
    assert api(client, q="braserie")["suggestion"] is None
    call_command("rebuild_search_index")
    assert api(client, q="braserie")["suggestion"] is None


def test_each_record_is_indexed_once_whatever_the_number_of_rebuilds(client):
    records.deliberation("Inventaire de la sylviculture", pdf_pages=["Sylviculture et sylviculture."])
    call_command("rebuild_search_index")
    call_command("rebuild_search_index")
    assert SearchEntry.objects.count() == SearchEntry.objects.values("page_id").distinct().count()
    data = api(client, q="sylviculture")
    assert data["total"] == 1 and data["results"][0]["document"]["page"] == 1

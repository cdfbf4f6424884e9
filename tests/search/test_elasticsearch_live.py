"""Against a real Elasticsearch server, when ELASTICSEARCH_URL points at one (skipped otherwise).

The contract suite (test_contract.py) also runs on this server: PDF page numbers, facets
as aggregations, escaped highlights and restricted records are checked there.
"""

import io
import subprocess
import threading
from pathlib import Path

import pytest
from django.core.management import call_command

from search.engines.elasticsearch import FRENCH, build_request
from search.entries import build_entry
from search.indexing import indexable_pages
from search.models import PendingIndexOperation
from search.query import parse_params
from tests.search import records
from tests.search.conftest import ELASTICSEARCH_URL

pytestmark = pytest.mark.django_db

REPOSITORY = Path(__file__).resolve().parents[2]
SERVER_SCRIPT = REPOSITORY / ".ci" / "search-server"


def entries():
    return [build_entry(page) for page in indexable_pages()]


def api(client, **params):
    return client.get("/api/recherche/", params).json()


def test_the_server_accepts_the_mappings_and_analyzes_with_the_french_analyzer(live_engine):
    live_engine.rebuild([])
    [index] = live_engine.indices()
    mapping = live_engine.client.indices.get_mapping(index=index)[index]["mappings"]["properties"]
    assert mapping["pdf_text"]["similarity"] == "erbm_page" and mapping["pdf_ocr_low"]["fields"]["folded"]["type"] == "text"
    assert mapping["title"]["analyzer"] == FRENCH and mapping["title"]["fields"]["exact"]["normalizer"] == "erbm_folded"
    tokens = live_engine.client.indices.analyze(index=index, field="title", text="Les Réhabilitations de l’Agglomération")
    assert [token["token"] for token in tokens["tokens"]] == ["rehabilit", "agglomer"]


def test_a_rebuild_swaps_in_a_new_index_while_searches_keep_answering(live_engine):
    records.deliberation("Chevalement de la fosse Delloye")
    live_engine.rebuild(entries())
    first = live_engine.current_index
    answers, failures, stop = [], [], threading.Event()
    # The request the search page sends, straight to the server (the database stays with this thread).
    request = build_request(parse_params({"q": "chevalement"}), ["public"], [])

    def search_meanwhile():
        while not stop.is_set():
            try:
                answers.append(live_engine.client.search(index=live_engine.alias, **request)["hits"]["total"]["value"])
            except Exception as error:  # noqa: BLE001 - any failure is what this test looks for
                failures.append(error)

    searcher = threading.Thread(target=search_meanwhile)
    searcher.start()
    try:
        for _ in range(3):
            live_engine.rebuild(entries())
    finally:
        stop.set()
        searcher.join()
    assert not failures
    assert len(answers) > 3 and set(answers) == {1}
    assert live_engine.indices() == [live_engine.current_index] != [first]
    # The index just left stays one rebuild longer for the searches running on it; older ones go.
    assert len(live_engine.client.indices.get(index=f"{live_engine.alias}-*")) == 2
    assert not live_engine.client.indices.exists(index=first)
    assert live_engine.client.count(index=live_engine.alias)["count"] == len(entries())


def test_the_rebuild_command_loads_the_server_and_reports_its_progress(live_engine, capsys):
    call_command("rebuild_search_index")
    output = capsys.readouterr()
    assert "Index de recherche reconstruit" in output.out
    assert "Elasticsearch" in output.err and "/s" in output.err
    assert live_engine.client.count(index=live_engine.alias)["count"] == len(entries())


def test_publishing_editing_and_deleting_reach_elasticsearch(live_engine, client):
    live_engine.rebuild(entries())
    page = records.deliberation("Chevalement indexé")
    data = api(client, q="chevalement")
    assert data["total"] == 1 and "notice" not in data
    page.title = "Lavoir indexé"
    page.save_revision().publish()
    assert api(client, q="chevalement")["total"] == 0 and api(client, q="lavoir")["total"] == 1
    records.refresh(page).delete()
    assert api(client, q="lavoir")["total"] == 0
    assert not PendingIndexOperation.objects.exists()


def run_server_script(action):
    return subprocess.run(["bash", str(SERVER_SCRIPT), action], capture_output=True, text=True, timeout=300)


def server_script_runs_it():
    """Whether the server of ELASTICSEARCH_URL is the node `make search-server` started (and can start again)."""
    status = run_server_script("status").stdout.strip()
    return run_server_script("pid").returncode == 0 and status == f"ELASTICSEARCH_URL={ELASTICSEARCH_URL.rstrip('/')}"


def test_a_real_outage_queues_the_edits_falls_back_and_replays_them(live_engine, client):
    if not server_script_runs_it():
        pytest.skip("The server at ELASTICSEARCH_URL was not started by `make search-server`: "
                    "the outage test only stops a server it can start again")
    live_engine.rebuild(entries())
    edited = records.deliberation("Chevalement avant la panne")
    removed = records.deliberation("Lavoir avant la panne")
    assert run_server_script("stop").returncode == 0
    try:
        edited.title = "Chevalement pendant la panne"
        edited.save_revision().publish()
        added = records.deliberation("Kiosque pendant la panne")
        records.refresh(removed).delete()
        last_queued = dict(PendingIndexOperation.objects.order_by("pk").values_list("page_id", "operation"))
        assert last_queued == {edited.pk: "update", added.pk: "update", removed.pk: "delete"}
        data = api(client, q="panne")
        assert "momentanément indisponible" in data["notice"]
        assert {r["title"] for r in data["results"]} == {"Chevalement pendant la panne", "Kiosque pendant la panne"}
        assert "momentanément indisponible" in client.get("/recherche/", {"q": "panne"}).content.decode()
    finally:
        restarted = run_server_script("start")
    assert restarted.returncode == 0, restarted.stderr
    call_command("replay_search_queue")
    assert not PendingIndexOperation.objects.exists()
    data = api(client, q="panne")
    assert "notice" not in data
    assert {r["title"] for r in data["results"]} == {"Chevalement pendant la panne", "Kiosque pendant la panne"}
    assert live_engine.client.count(index=live_engine.alias)["count"] == len(entries())


def test_wagtails_admin_search_runs_on_the_same_cluster(live_engine, settings, admin_client):
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    prefix = f"{live_engine.prefix}-wagtail-"
    settings.WAGTAILSEARCH_BACKENDS = {"default": {
        "BACKEND": "wagtail.search.backends.elasticsearch8", "URLS": [ELASTICSEARCH_URL], "INDEX_PREFIX": prefix,
    }}
    call_command("update_index", stdout=io.StringIO())
    page = records.deliberation("Chevalement de l'admin")
    live_engine.client.indices.refresh(index=f"{prefix}*")
    assert [hit.pk for hit in get_search_backend().search("chevalement", Page)] == [page.pk]
    assert live_engine.client.indices.get(index=f"{prefix}*")
    response = admin_client.get("/admin/pages/search/", {"q": "chevalement"})
    assert response.status_code == 200 and "Chevalement de l" in response.content.decode()


def test_a_record_restricted_before_the_worker_reindexed_it_is_not_shown(live_engine):
    from django.contrib.auth.models import AnonymousUser
    from wagtail.models import PageViewRestriction

    page = records.communique("Bilan du chantier zéphyrine")
    live_engine.rebuild(build_entry(p) for p in indexable_pages())
    shown = live_engine.search(parse_params({"q": "zéphyrine"}), AnonymousUser())
    assert [hit.page_id for hit in shown.hits] == [page.pk]
    # bulk_create sends no signal: the index still says « public », as while the worker lags behind.
    PageViewRestriction.objects.bulk_create([PageViewRestriction(page=page, restriction_type=PageViewRestriction.LOGIN)])
    assert live_engine.search(parse_params({"q": "zéphyrine"}), AnonymousUser()).hits == []


def test_misspelt_words_are_checked_in_a_few_round_trips_whatever_their_number(live_engine, monkeypatch):
    from django.contrib.auth.models import AnonymousUser

    words = ["zéphyrine", "barbotine", "calamine", "dentelle", "faïencerie", "gobeleterie"]
    page = records.communique("Inventaire : " + " ".join(words))
    live_engine.rebuild(build_entry(p) for p in indexable_pages())
    sent = []
    msearch = live_engine.msearch
    monkeypatch.setattr(live_engine, "msearch", lambda requests: sent.append(len(requests)) or msearch(requests))
    # Each word with one letter swapped: each is rare, each has a near word to check.
    typed = ["zéphyirne", "barbtoine", "calmaine", "dentlele", "faïencreie", "gobeletreie"]
    results = live_engine.search(parse_params({"q": " ".join(typed)}), AnonymousUser())
    assert [hit.page_id for hit in results.hits] == [page.pk]
    assert set(results.searched_instead) == set(typed)
    # The search with the rarity counts, the near words at once, the search with them, the suggestions' candidates.
    assert len(sent) <= 4, sent

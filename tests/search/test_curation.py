"""Search curation by the editors: synonyms and acronyms, promoted results, the report of the public's queries."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from erbm_cms.records.groups import EDITORS
from search.models import QueryStat, Synonym
from search.query import parse_params, parse_query
from search.synonyms import expand
from tests.helpers import visible_text
from tests.search import records
from tests.search.conftest import titles

pytestmark = pytest.mark.django_db


def test_the_field_acronyms_are_listed_with_their_source():
    anru = Synonym.objects.get(term="ANRU")
    assert anru.expansion_list() == ["Agence nationale pour la rénovation urbaine"]
    erbm = Synonym.objects.get(term="ERBM")
    assert "Engagement pour le renouveau du bassin minier" in erbm.expansion_list()
    assert "ERBM" in erbm.source
    assert {"CALL", "NPNRU", "QPV", "EPCI", "ANAH"} <= set(Synonym.objects.values_list("term", flat=True))


def test_an_acronym_is_widened_to_its_expansion_and_back():
    groups = [[(("anru",), "ANRU"), (("agenc", "national", "renov", "urbain"), "Agence nationale pour la rénovation urbaine")]]
    clause = expand(parse_query("ANRU logement"), groups).clauses[0]
    assert clause.texts == ("ANRU", "Agence nationale pour la rénovation urbaine")
    assert len(clause.alternatives) == 2
    back = parse_params({"q": '"agence nationale pour la rénovation urbaine"'}).query.clauses[0]
    assert "ANRU" in back.texts
    typed = parse_params({"q": "anru"}, synonyms=False).query.clauses[0]
    assert typed.texts == ("anru",)


def test_synonyms_apply_on_every_engine(find):
    records.deliberation("Convention avec l'Agence nationale pour la rénovation urbaine de Zorbalande", summary="Quartier Zorbalande.")
    records.deliberation("Subvention au club de Zorbalande", summary="Sport.")
    assert titles(find(q="ANRU Zorbalande")) == ["Convention avec l'Agence nationale pour la rénovation urbaine de Zorbalande"]

    Synonym.objects.create(term="ZBL", expansions="Zorbalande")
    assert len(find(q="ZBL").hits) == 2  # the editors' list changes the next search at once
    Synonym.objects.filter(term="ZBL").delete()
    assert find(q="ZBL").total == 0


@pytest.fixture
def promoted_page():
    records.communique("Bilan du relogement à Quorbitude", lead="Le relogement à Quorbitude avance.")
    pick = records.deliberation("Plan de relogement de Quorbitude", summary="Le plan fixe le relogement.",
                                )
    for number in range(3):
        records.communique(f"Relogement à Quorbitude, étape {number}", lead="Relogement, relogement, relogement à Quorbitude.")
    query = Query.get("relogement Quorbitude")
    SearchPromotion.objects.create(query=query, page=pick, sort_order=0, description="Le plan adopté en conseil.")
    return pick


def test_a_promoted_record_comes_first_on_the_page_and_in_the_api(promoted_page):
    visitor = Client()
    text = visible_text(visitor.get("/recherche/", {"q": "Relogement  QUORBITUDE"}))
    assert "Sélection de la rédaction" in text
    first_organic = re.search(r"résultats? pour « [^»]+ » (.*)", text).group(1)
    assert first_organic.index("Plan de relogement de Quorbitude") < first_organic.index("Relogement à Quorbitude, étape")
    assert "Le plan adopté en conseil." in text

    payload = visitor.get("/api/recherche/", {"q": "relogement quorbitude"}).json()
    assert payload["promoted"] == [{"title": "Plan de relogement de Quorbitude", "url": promoted_page.url,
                                    "kind": "deliberation", "description": "Le plan adopté en conseil."}]
    assert "promoted" not in visitor.get("/api/recherche/", {"q": "relogement quorbitude", "type": "communique"}).json()
    assert "promoted" not in visitor.get("/api/recherche/", {"q": "quorbitude"}).json()  # another query


def test_an_unpublished_promoted_record_is_not_shown(promoted_page):
    promoted_page.unpublish()
    payload = Client().get("/api/recherche/", {"q": "relogement quorbitude"}).json()
    assert "promoted" not in payload and payload["total"] >= 1


def test_the_report_counts_frequent_queries_and_those_without_result(editor_client):
    visitor = Client()
    for _ in range(3):
        visitor.get("/recherche/", {"q": "cités minières"})
    visitor.get("/api/recherche/", {"q": "Cités minières"})
    visitor.get("/recherche/", {"q": "cités minières", "page": "2"})  # paging counts once
    visitor.get("/recherche/", {"q": "xylophonistes"})
    visitor.get("/api/recherche/", {"q": "xylophonistes"})
    visitor.get("/recherche/", {"q": "<script>"})  # refused: not counted

    assert {(s.query, s.searches, s.without_result) for s in QueryStat.objects.all()} == {
        ("cités minières", 4, 0), ("xylophonistes", 2, 2)}
    assert [field.name for field in QueryStat._meta.fields] == ["id", "day", "query", "searches", "without_result"]

    text = visible_text(editor_client.get("/admin/recherches-du-public/"))
    assert "Recherches les plus fréquentes Recherche Nombre Dont sans résultat cités minières 4 0 xylophonistes 2 2" in text
    assert "Recherches sans résultat" in text and "xylophonistes 2 2" in text.split("Recherches sans résultat")[1]


def test_delegation_editors_curate_and_partner_clerks_do_not(client):
    editor = get_user_model().objects.create_user("curatrice", password="mot-de-passe-curation")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    assert "ANRU" in visible_text(client.get("/admin/snippets/search/synonym/"))
    assert client.get("/admin/searchpicks/add/").status_code == 200
    assert client.get("/admin/recherches-du-public/").status_code == 200

    call_command("createpartneruser", "greffe@cahc.example", "ca-henin-carvin", "--password", "mot-de-passe-greffe", stdout=io.StringIO())
    clerk = Client()
    clerk.force_login(get_user_model().objects.get(email="greffe@cahc.example"))
    refused = clerk.get("/admin/recherches-du-public/")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # Wagtail's answer to a refusal
    assert clerk.get("/admin/snippets/search/synonym/").status_code in (302, 403)


def test_a_search_is_answered_even_when_its_statistic_cannot_be_written(client, monkeypatch, caplog):
    from django.db import DatabaseError

    from search import stats

    def broken(query, total):
        raise DatabaseError("disk I/O error")

    monkeypatch.setattr(stats, "_count", broken)
    response = client.get("/recherche/", {"q": "cités minières"})
    assert response.status_code == 200 and "résultat" in response.content.decode()
    assert "search statistic not recorded" in caplog.text
    assert not QueryStat.objects.exists()

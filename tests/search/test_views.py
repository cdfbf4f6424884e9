"""/recherche/ and /api/recherche/: what users and scripts get, bad input included."""

import pytest

from tests.helpers import visible_text
from tests.search import records

pytestmark = pytest.mark.django_db


def test_api_answers_the_documented_json(client):
    records.deliberation("Plan de gestion forestière", partner="ca-lens-lievin", pdf_pages=["Motifs.", "La sylviculture du massif."])
    response = client.get("/api/recherche/", {"q": "sylviculture"})
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"query", "total", "page", "pages", "results", "facets", "suggestion"}
    assert (data["query"], data["total"], data["page"], data["pages"], data["suggestion"]) == ("sylviculture", 1, 1, 1, None)
    [result] = data["results"]
    assert set(result) == {"title", "url", "kind", "partner", "date", "snippet", "document"}
    assert result["kind"] == "deliberation" and result["partner"] == "Communauté d'agglomération de Lens-Liévin"
    assert result["date"] == "2019-05-01"
    assert "<mark>sylviculture</mark>" in result["snippet"]
    assert result["document"]["page"] == 2 and result["document"]["url"].endswith("#page=2")
    assert set(data["facets"]) == {"type", "partenaire", "annee", "axe"}
    assert data["facets"]["partenaire"] == {"ca-lens-lievin": 1}
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_api_carries_the_suggestion(client):
    data = client.get("/api/recherche/", {"q": "rehabilitaton"}).json()
    assert data["suggestion"] == "réhabilitation"
    assert client.get("/api/recherche/", {"q": data["suggestion"]}).json()["total"] > 0


@pytest.mark.parametrize(
    "params, field, message",
    [
        ({"page": "abc"}, "page", "Le numéro de page doit être un nombre entier"),
        ({"page": "99999"}, "page", "Le numéro de page doit être compris entre 1 et 1000"),
        ({"page": "900"}, "page", "La page 900 n'existe pas"),
        ({"annee": "zzzz"}, "annee", "L'année doit être un nombre entier"),
        ({"annee": "1800"}, "annee", "L'année doit être comprise entre 1900 et 2100"),
        ({"type": "recette"}, "type", "Type inconnu « recette »"),
        ({"partenaire": "atlantide"}, "partenaire", "Partenaire inconnu"),
        ({"axe": "-1"}, "axe", "L'axe doit être compris entre 1 et 99"),
        ({"page": "1000000000"}, "page", "Le numéro de page doit être compris entre 1 et 1000"),
        ({"annee": "-1"}, "annee", "L'année doit être comprise entre 1900 et 2100"),
        ({"page": "\u0661\u0662"}, "page", "Le numéro de page doit être un nombre entier"),
        ({"du": "hier"}, "du", "La date de début doit être une date"),
        ({"du": "2020-01-01", "au": "2019-01-01"}, "au", "La date de fin précède la date de début"),
        ({"tri": "hasard"}, "tri", "pertinence"),
        ({"q": "x" * 10_000}, "q", "trop longue"),
        ({"q": '"bassin minier'}, "q", "guillemet n'est pas refermé"),
        ({"q": "*:*"}, "q", "aucun mot"),
        ({"q": "<script>alert(1)</script>"}, "q", "caractères non autorisés"),
        ({"q": "logement\x00\x07"}, "q", "caractères de contrôle"),
        ({"q": " ".join(f"mot{n}" for n in range(40))}, "q", "trop de mots"),
    ],
)
def test_bad_parameters_get_a_400_with_the_field_and_a_message(client, params, field, message):
    response = client.get("/api/recherche/", params)
    assert response.status_code == 400
    data = response.json()
    assert data["field"] == field and message in data["error"], data
    page = client.get("/recherche/", params)
    assert page.status_code == 400
    text = visible_text(page)
    assert "Recherche impossible" in text and message in text
    assert "<script>alert" not in page.content.decode()


def test_search_page_shows_results_with_kind_partner_date_snippet_and_pdf_page(client):
    records.deliberation("Plan de gestion forestière", partner="ca-lens-lievin", pdf_pages=["Motifs.", "La sylviculture du massif."])
    response = client.get("/recherche/", {"q": "sylviculture"})
    html = response.content.decode()
    text = visible_text(response)
    for fact in ["1 résultat pour « sylviculture »", "Délibération", "Communauté d'agglomération de Lens-Liévin",
                 "1 mai 2019", "Plan de gestion forestière", ", page 2"]:
        assert fact in text, fact
    assert "<mark>sylviculture</mark>" in html and "#page=2" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html and response["X-Robots-Tag"] == "noindex, nofollow"


def test_facet_links_narrow_the_results(client):
    records.deliberation("Lavoir de Douai", partner="douaisis-agglo", date=__import__("datetime").date(2018, 3, 1))
    records.deliberation("Lavoir de Lens", partner="ca-lens-lievin")
    html = client.get("/recherche/", {"q": "lavoir"}).content.decode()
    assert 'href="?q=lavoir&amp;partenaire=douaisis-agglo"' in html
    assert 'href="?q=lavoir&amp;annee=2018"' in html
    narrowed = client.get("/recherche/?q=lavoir&partenaire=douaisis-agglo")
    assert "1 résultat pour « lavoir »" in visible_text(narrowed)
    assert "Retirer ce filtre" in visible_text(narrowed)


def test_an_empty_search_browses_the_archive_with_pagination(client):
    response = client.get("/recherche/")
    text = visible_text(response)
    assert response.status_code == 200 and "résultats" in text and "les plus récents d'abord" in text
    html = response.content.decode()
    assert 'aria-label="Pagination"' in html and "page=2" in html
    assert client.get("/recherche/?page=2").status_code == 200


def test_every_page_has_a_search_box_leading_to_the_search_page(client):
    html = client.get("/actualites/").content.decode()
    assert 'action="/recherche/"' in html and 'name="q"' in html


def test_the_forms_a_word_is_also_searched_with_do_not_count_against_the_words_allowed(client):
    # « minières » is also searched as « minier »: twenty words typed are twenty words.
    words = [f"mot{n}" for n in range(19)] + ["minières"]
    assert client.get("/api/recherche/", {"q": " ".join(words)}).status_code == 200
    assert client.get("/api/recherche/", {"q": " ".join(["minières"] * 11)}).status_code == 200


def test_invisible_characters_pasted_inside_a_word_are_ignored(client):
    plain = client.get("/api/recherche/", {"q": "logement"}).json()
    assert plain["total"] > 0
    for pasted in ("lo\u00adgement", "loge\u200bment", "\ufefflogement"):
        assert client.get("/api/recherche/", {"q": pasted}).json()["total"] == plain["total"], pasted

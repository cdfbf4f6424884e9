"""What a clerk types, answered on every engine: typos, whole questions, exact forms, the forms of a word."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser

from search.entries import build_entry
from search.indexing import indexable_pages
from search.query import parse_params
from tests.search import records
from tests.search.conftest import titles

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[2] / "erbm_cms" / "demo" / "seeds"

# The forms of one word of the field, each written in the seed publications; Snowball stems
# some of them apart (« minier » → `mini`, « minières » → `minier`).
FAMILIES = [
    ("minier", "minière", "miniers", "minières"),
    ("cité", "cités"),
    ("logement", "logements"),
    ("premier", "première", "premiers", "premières"),
    ("foncier", "foncière", "fonciers"),
    ("quartier", "quartiers"),
    ("social", "sociale", "sociaux", "sociales"),
    ("industriel", "industrielle", "industriels", "industrielles"),
]


@pytest.fixture
def search(engine):
    """search(q=..., **params) on the engine under test, its index brought up to date once per test."""
    state = {"fresh": False}

    def run(**params):
        if engine.name == "elasticsearch" and not state["fresh"]:
            engine.rebuild(build_entry(page) for page in indexable_pages())
            state["fresh"] = True
        return engine.search(parse_params({key: str(value) for key, value in params.items()}), AnonymousUser())

    return run


def test_the_families_come_from_the_seeds():
    text = " ".join(path.read_text(encoding="utf-8") for path in SEEDS.glob("*.txt")).lower()
    for family in FAMILIES:
        for form in family:
            assert re.search(rf"(?<!\w){form}(?!\w)", text), form


def test_the_forms_of_a_word_of_the_field_always_meet(search):
    made = {}
    for number, family in enumerate(FAMILIES):
        for form in family:
            made[form] = records.deliberation(f"Dossier zorglub{number} {form}").title
    for number, family in enumerate(FAMILIES):
        expected = {made[form] for form in family}
        for form in family:
            assert set(titles(search(q=f"zorglub{number} {form}"))) == expected, form


def test_a_misspelt_word_is_answered_and_says_what_was_searched_instead(search, client):
    records.deliberation("Réhabilitation de la houblonnière de Lallaing")
    results = search(q="houblonnere")
    assert titles(results) == ["Réhabilitation de la houblonnière de Lallaing"]
    assert results.searched_instead == {"houblonnere": ["houblonnière"]}
    assert results.suggestion == "houblonnière"


def test_the_word_as_typed_ranks_above_its_near_spellings(search):
    records.deliberation("Réhabilitation de la houblonnière de Lallaing")
    records.deliberation("Inventaire de la houblonnere de Flines")  # misspelt in the record itself
    results = search(q="houblonnere")
    assert titles(results) == ["Inventaire de la houblonnere de Flines", "Réhabilitation de la houblonnière de Lallaing"]


def test_no_near_spellings_inside_quotes_nor_for_short_words(search):
    records.deliberation("Réhabilitation de la houblonnière de Lallaing")
    records.deliberation("Le guet de la tour")
    assert search(q='"houblonnere"').total == 0
    assert search(q="gué").total == 0


def test_a_long_question_gives_the_records_with_all_its_words_then_most_of_them(search):
    records.deliberation("Ravalement de la tréfilerie", summary="Le ravalement des façades de la tréfilerie de Biache est voté.")
    records.deliberation("Façades de la tréfilerie", summary="Biache : les façades de la tréfilerie, projet voté.")
    records.deliberation("Tréfilerie", summary="La tréfilerie ferme.")
    # « quand » and « voté » say nothing of the record sought: the first record holds all the other words.
    results = search(q="quand le ravalement des façades de la tréfilerie de Biache sera-t-il voté")
    assert titles(results)[:2] == ["Ravalement de la tréfilerie", "Façades de la tréfilerie"]
    assert "Tréfilerie" not in titles(results)
    assert [hit.partial for hit in results.hits[:2]] == [False, True]
    complete = search(q="ravalement façades tréfilerie Biache")
    assert titles(complete)[:2] == ["Ravalement de la tréfilerie", "Façades de la tréfilerie"]
    assert [hit.partial for hit in complete.hits[:2]] == [False, True]


def test_a_question_answers_while_records_hold_most_of_its_words(search):
    records.deliberation("Façades de la tréfilerie", summary="Les façades de la tréfilerie de Biache.")
    results = search(q="ravalement des façades de la tréfilerie")
    assert titles(results) == ["Façades de la tréfilerie"] and results.hits[0].partial


def test_the_record_holding_the_exact_form_typed_ranks_first(search):
    records.deliberation("Plan des houblonnières", summary="Inventaire.")
    records.deliberation("Plan de la houblonnière", summary="Inventaire.")
    assert titles(search(q="houblonnières"))[:2] == ["Plan des houblonnières", "Plan de la houblonnière"]
    assert titles(search(q="houblonnière"))[:2] == ["Plan de la houblonnière", "Plan des houblonnières"]


def test_words_close_together_rank_above_scattered_ones(search):
    filler = " ".join(["Le conseil examine le dossier présenté en séance."] * 6)
    records.deliberation("Premier dossier", summary=f"Tréfilerie canal. {filler} Texte final.")
    records.deliberation("Second dossier", summary=f"Tréfilerie. {filler} Texte final canal.")
    assert titles(search(q="tréfilerie canal"))[:2] == ["Premier dossier", "Second dossier"]


def test_the_page_labels_partial_results_and_near_spellings(client, settings):
    records.deliberation("Façades de la tréfilerie", summary="Les façades de la tréfilerie de Biache.")
    page = client.get("/recherche/", {"q": "ravalement des façades de la tréfilerie"}).content.decode()
    assert "Résultats contenant une partie des mots" in page
    records.deliberation("Réhabilitation de la houblonnière de Lallaing")
    page = client.get("/recherche/", {"q": "houblonnere"}).content.decode()
    assert "« houblonnere » est rare ou absent de l'archive : la recherche porte aussi sur « houblonnière »" in page
    assert "Vouliez-vous dire" in page


def test_the_api_flags_partial_results_and_near_spellings_in_addition(client):
    records.deliberation("Façades de la tréfilerie", summary="Les façades de la tréfilerie de Biache.")
    data = client.get("/api/recherche/", {"q": "ravalement des façades de la tréfilerie"}).json()
    assert data["results"][0]["partial"] is True
    records.deliberation("Réhabilitation de la houblonnière de Lallaing")
    data = client.get("/api/recherche/", {"q": "houblonnere"}).json()
    assert data["searched_instead"] == {"houblonnere": ["houblonnière"]}
    assert "partial" not in data["results"][0] and data["suggestion"] == "houblonnière"


def test_question_words_and_everyday_verbs_are_neither_required_nor_corrected(search, client):
    records.deliberation("Ravalement des corons de Biache", summary="Les communes riveraines financent le ravalement.")
    records.communique("Corons de Biache", lead="Visite des corons.")
    results = search(q="quelles communes ont voté le ravalemant des corons ?")
    assert titles(results)[0] == "Ravalement des corons de Biache" and not results.hits[0].partial
    assert results.searched_instead == {"ravalemant": ["ravalement"]}
    assert results.suggestion == "quelles communes ont voté le ravalement des corons"
    page = client.get("/recherche/", {"q": "quelles communes ont voté le ravalemant des corons ?"}).content.decode()
    assert "corons</a> ?" in page and "? ?" not in page


def test_a_two_word_query_with_a_word_found_nowhere_gives_the_records_of_the_other(search):
    records.deliberation("Réhabilitation de la houblonnière de Lallaing")
    results = search(q="houblonnere zorglub")
    assert titles(results) == ["Réhabilitation de la houblonnière de Lallaing"] and results.hits[0].partial
    assert results.searched_instead == {"houblonnere": ["houblonnière"]}
    assert results.suggestion == "houblonnière zorglub"
    assert search(q=results.suggestion).total == 1


def test_a_clerks_everyday_words_find_the_records_administrative_ones(search):
    records.deliberation("Réhabilitation énergétique des corons de Biache")
    records.deliberation("Rénovation du kiosque de Biache")
    for q in ("rénovation thermique Biache", "renovaton thermique Biache"):
        results = search(q=q)
        assert titles(results)[0] == "Réhabilitation énergétique des corons de Biache", q
        assert not results.hits[0].partial, q


def test_a_suggestion_is_offered_only_if_it_finds_records(search):
    records.deliberation("Réhabilitation de la houblonnière de Lallaing")
    assert search(q="houblonnere").suggestion == "houblonnière"
    assert search(q="houblonnere", type="communique").suggestion is None
    assert search(q="houblonnere zorglub quibbix").suggestion is None


def test_through_a_corrected_word_the_archives_records_come_before_the_sites_pages(search):
    from erbm_cms.base.models import ContentPage
    from erbm_cms.home.models import HomePage

    page = HomePage.objects.get().add_child(instance=ContentPage(
        title="La houblonnière", intro="Houblonnière, houblonnières : la houblonnière du site."))
    page.save_revision().publish()
    records.deliberation("Inventaire des vergers et de la houblonnière de Lallaing",
                         summary="Le conseil dresse l'inventaire des vergers, des prés et de la houblonnière.")
    assert titles(search(q="la houblonnière"))[0] == "La houblonnière"
    assert titles(search(q="houblonnere")) == ["Inventaire des vergers et de la houblonnière de Lallaing", "La houblonnière"]


def test_a_synonym_ranks_below_the_word_typed(search):
    # « rénovation » and « réhabilitation » are synonyms in the field's list (migration search/0007).
    records.deliberation("Réhabilitation des corons de Biache", summary="La réhabilitation des corons de Biache est votée.")
    records.deliberation("Rénovation des corons de Biache", summary="La rénovation des corons de Biache est votée.")
    both = ["Réhabilitation des corons de Biache", "Rénovation des corons de Biache"]
    assert titles(search(q="réhabilitation Biache")) == both
    assert titles(search(q="rénovation Biache")) == both[::-1]
    # Misspelt, the word meant comes first too, before the records holding only its synonym.
    assert titles(search(q="rehabilitaton Biache")) == both


def test_a_record_holding_the_word_and_its_synonym_does_not_pass_the_one_named_by_the_word(search):
    records.deliberation("Réhabilitation des corons de Biache", summary="Les corons de Biache seront réhabilités.")
    records.deliberation("Corons de Biache", summary="La rénovation, puis la réhabilitation des corons de Biache.")
    assert titles(search(q="réhabilitation Biache"))[0] == "Réhabilitation des corons de Biache"


def test_the_record_whose_title_names_the_words_comes_before_a_passing_mention(search):
    # A long account of the visit, and a short record that mentions the Prime Minister in passing.
    filler = " ".join(f"La délégation visite l'équipement numéro {number} de la commune." for number in range(300))
    records.communique("Visite du Premier ministre à Biache", lead="Visite à Biache.",
                       body=f"Le Premier ministre visite Biache. {filler} Le Premier ministre repart de Biache.")
    records.deliberation("Voirie de Biache", summary="Biache : courrier du Premier ministre sur la voirie.")
    assert titles(search(q="Premier ministre Biache"))[:2] == ["Visite du Premier ministre à Biache", "Voirie de Biache"]


def test_two_letters_swapped_count_as_one_typo(search):
    # Seven letters: one edit allowed, and a swap is one (as « unseco » for « unesco »).
    records.deliberation("Inscription du terril de Zorglub")
    results = search(q="zorlgub")
    assert titles(results) == ["Inscription du terril de Zorglub"]
    assert list(results.searched_instead) == ["zorlgub"]


def test_the_pronoun_of_an_inverted_question_is_not_required(search):
    records.deliberation("Espace numérique de travail dans les écoles")
    records.deliberation("Visite des écoles", summary="Elles ont reçu la visite du recteur.")
    results = search(q="les écoles ont-elles un espace numérique de travail ?")
    complete = [hit.title for hit in results.hits if not hit.partial]
    assert "Espace numérique de travail dans les écoles" in complete
    assert titles(results).index("Espace numérique de travail dans les écoles") < len(complete)
    assert "Visite des écoles" not in complete


def test_words_of_a_question_joined_by_hyphens_are_never_corrected(search):
    records.deliberation("Espace numérique de travail dans les écoles")
    results = search(q="est-ce que les écoles ont un espace numérique ?")
    assert "Espace numérique de travail dans les écoles" in titles(results)
    assert results.suggestion is None

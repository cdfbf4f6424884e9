"""The search contract, run on every engine available: SQLite or PostgreSQL always, Elasticsearch when set."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction

from search.query import InvalidParameter
from tests.search import records
from tests.search.conftest import titles

pytestmark = pytest.mark.django_db


def test_plural_and_singular_match(find):
    records.deliberation("Restauration du chevalement de la fosse 9")
    records.deliberation("Inventaire des chevalements du territoire")
    assert set(titles(find(q="chevalements"))) == set(titles(find(q="chevalement"))) == {
        "Restauration du chevalement de la fosse 9", "Inventaire des chevalements du territoire"}


def test_accents_or_none_match(find):
    records.deliberation("Reconversion de la tréfilerie de Biache")
    assert titles(find(q="trefilerie")) == ["Reconversion de la tréfilerie de Biache"]
    assert titles(find(q="TRÉFILERIE")) == ["Reconversion de la tréfilerie de Biache"]


def test_elided_articles_match(find):
    records.deliberation("Acquisition foncière", summary="Le conseil acquiert l'ardoisière désaffectée.")
    assert titles(find(q="ardoisiere")) == ["Acquisition foncière"]
    assert titles(find(q="d'ardoisière")) == ["Acquisition foncière"]


def test_quoted_phrase(find):
    records.deliberation("Boisement du terril", summary="Le terril boisé accueille le public.")
    records.deliberation("Gestion des espaces", summary="Un espace boisé jouxte le terril.")
    assert titles(find(q='"terril boisé"')) == ["Boisement du terril"]
    assert len(find(q="terril boisé").hits) == 2


def test_exclusion(find):
    records.deliberation("Soutien à l'apiculture urbaine", summary="Ruches sur les toits.")
    records.deliberation("Apiculture et charbon", summary="Ruches sur l'ancien carreau de charbon.")
    assert titles(find(q="apiculture -charbon")) == ["Soutien à l'apiculture urbaine"]


def test_or(find):
    records.deliberation("Atelier de vannerie")
    records.deliberation("Kiosque à journaux")
    records.deliberation("Lavoir communal")
    assert set(titles(find(q="vannerie OR kiosque"))) == {"Atelier de vannerie", "Kiosque à journaux"}


def test_title_ranks_above_body_above_pdf_text_and_ties_go_to_the_newest(find):
    records.deliberation("Aide au houblon, variété ancienne", date=datetime.date(2018, 1, 1))
    records.deliberation("Rapport agricole", summary="La filière du houblon se développe.", date=datetime.date(2019, 1, 1))
    records.deliberation("Annexe agricole", pdf_pages=["Culture du houblon en Artois."], date=datetime.date(2020, 1, 1))
    assert titles(find(q="houblon")) == ["Aide au houblon, variété ancienne", "Rapport agricole", "Annexe agricole"]
    records.deliberation("Bilan agricole", summary="La filière du houblon se développe.", date=datetime.date(2021, 1, 1))
    ranked = titles(find(q="houblon"))
    assert ranked.index("Bilan agricole") == ranked.index("Rapport agricole") - 1  # same text: newest first


def test_typing_an_exact_title_puts_it_first(find):
    records.deliberation("Kiosque à musique", summary="Le kiosque, le kiosque et encore le kiosque : kiosque.")
    records.deliberation("Rénovation du kiosque à musique de la place du marché")
    records.communique("Kiosque à musique", body="Kiosque kiosque kiosque.", date=datetime.date(2022, 2, 2))
    results = find(q="Rénovation du kiosque à musique de la place du marché")
    assert titles(results)[0] == "Rénovation du kiosque à musique de la place du marché"


def test_a_misspelt_word_gets_a_suggestion_that_finds_the_record(find):
    records.deliberation("Restauration du chevalement de la fosse 9")
    results = find(q="chevalemnt")
    if "Restauration du chevalement de la fosse 9" not in titles(results):
        assert results.suggestion == "chevalement"
        assert "Restauration du chevalement de la fosse 9" in titles(find(q=results.suggestion))
    assert find(q="rehabilitaton").suggestion == "réhabilitation"
    assert find(q="subvension").suggestion == "subvention"


def test_a_word_only_in_a_pdf_finds_the_record_and_its_page(find):
    page = records.deliberation("Plan de gestion forestière", pdf_pages=[
        "Exposé des motifs.", "Vu le code forestier.", "La sylviculture du massif de Vicoigne sera développée."])
    [hit] = find(q="sylviculture").hits
    assert hit.title == "Plan de gestion forestière" and hit.url == page.url
    assert hit.document["page"] == 3
    assert hit.document["url"].endswith("#page=3") and "/documents/" in hit.document["url"]
    assert "<mark>sylviculture</mark>" in hit.snippet


def test_words_read_by_ocr_land_on_their_page_and_say_so(find):
    from erbm_cms.documents.models import ArchiveDocument

    text = "Le pétitionnaire sollicite une dérogation pour la houillère de Wingles."
    well = records.deliberation("Dérogation accordée", date=datetime.date(2019, 1, 10),
                                pdf_pages=["Vu la sablière d'Hersin.", text])
    badly = records.deliberation("Dérogation refusée", date=datetime.date(2020, 1, 10),
                                 pdf_pages=["Vu le terril de Loos.", text])
    for page, confidence in ((well, 92.0), (badly, 45.0)):
        document = page.act_document
        document.pages.filter(number=2).update(source="ocr", ocr_confidence=confidence)
        ArchiveDocument.objects.filter(pk=document.pk).update(extraction_status="ocr", ocr_page_count=1)
        records.republish(page)
    hits = find(q="houillère Wingles").hits
    assert {hit.title for hit in hits} == {"Dérogation accordée", "Dérogation refusée"}
    assert all(hit.document["ocr"] is True and hit.document["url"].endswith("#page=2") for hit in hits)
    [hit] = find(q="sablière Hersin").hits
    assert hit.document["ocr"] is False and hit.document["page"] == 1


def test_the_same_words_weigh_less_read_by_ocr_and_least_read_with_low_confidence(find):
    from erbm_cms.documents.models import ArchiveDocument

    text = "La commission examine le devenir de la cokerie de Drocourt et de son crassier."
    # The newest first on a tie: only the weights can put the oldest, typed record first.
    typed = records.deliberation("Rapport de la commission", date=datetime.date(2015, 3, 1), pdf_pages=[text])
    read = records.deliberation("Avis de la commission", date=datetime.date(2016, 3, 1), pdf_pages=[text])
    misread = records.deliberation("Note de la commission", date=datetime.date(2017, 3, 1), pdf_pages=[text])
    for page, confidence in ((read, 91.0), (misread, 35.0)):
        document = page.act_document
        document.pages.update(source="ocr", ocr_confidence=confidence)
        ArchiveDocument.objects.filter(pk=document.pk).update(extraction_status="ocr", ocr_page_count=1)
        records.republish(page)
    assert titles(find(q="cokerie Drocourt")) == [typed.title, read.title, misread.title]
    assert titles(find(q="crassier")) == [typed.title, read.title, misread.title]


def test_snippets_mark_the_words_and_escape_everything_else(find):
    records.communique("Vitrail de l'église", lead="Le maître verrier <script>alert(1)</script> restaure le vitrail & le cadre.")
    [hit] = find(q="vitrail").hits
    assert "<script>" not in hit.snippet and "&lt;script&gt;" in hit.snippet
    assert "<mark>vitrail</mark>" in hit.snippet.lower()
    assert "&amp;" in hit.snippet


def test_filters_and_facets(find):
    records.deliberation("Lavoir de Douai", partner="douaisis-agglo", date=datetime.date(2018, 3, 1), axes=[3])
    records.deliberation("Lavoir de Lens", partner="ca-lens-lievin", date=datetime.date(2019, 3, 1), axes=[1])
    records.communique("Les lavoirs du bassin", body="Le lavoir, patrimoine.", date=datetime.date(2019, 6, 1))
    results = find(q="lavoir")
    assert results.total == 3
    facets = {name: {str(value): count for value, _, count in rows} for name, rows in results.facets.items()}
    assert facets["type"] == {"deliberation": 2, "communique": 1}
    assert facets["partenaire"] == {"douaisis-agglo": 1, "ca-lens-lievin": 1}
    assert facets["annee"] == {"2018": 1, "2019": 2}
    assert facets["axe"] == {"3": 1, "1": 1}
    assert titles(find(q="lavoir", type="communique")) == ["Les lavoirs du bassin"]
    assert titles(find(q="lavoir", partenaire="ca-lens-lievin")) == ["Lavoir de Lens"]
    assert titles(find(q="lavoir", annee=2018)) == ["Lavoir de Douai"]
    assert titles(find(q="lavoir", axe=3)) == ["Lavoir de Douai"]
    assert set(titles(find(q="lavoir", du="2019-01-01", au="2019-04-01"))) == {"Lavoir de Lens"}
    assert titles(find(q="lavoir", tri="date")) == ["Les lavoirs du bassin", "Lavoir de Lens", "Lavoir de Douai"]


def test_an_empty_query_browses_everything_newest_first(find):
    records.deliberation("Délibération la plus récente", date=datetime.date.today())
    results = find()
    assert results.total >= 30
    assert titles(results)[0] == "Délibération la plus récente"
    dates = [hit.date for hit in results.hits if hit.date]
    assert dates == sorted(dates, reverse=True)


def test_pages_of_results(find):
    for number in range(12):
        records.deliberation(f"Kiosque numéro {number}", date=datetime.date(2019, 1, 1) + datetime.timedelta(days=number))
    first, second = find(q="kiosque"), find(q="kiosque", page=2)
    assert (first.total, first.pages, len(first.hits), len(second.hits)) == (12, 2, 10, 2)
    assert not set(titles(first)) & set(titles(second))
    with pytest.raises(InvalidParameter) as error:
        find(q="kiosque", page=3)
    assert error.value.field == "page"


def test_drafts_unpublished_expired_deleted_and_private_records_stay_hidden(find, django_user_model):
    records.deliberation("Zinguerie en brouillon", live=False)
    unpublished = records.deliberation("Ferronnerie retirée")
    unpublished.unpublish()
    expired = records.deliberation("Tonnellerie expirée")
    expired.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    expired.save_revision().publish()
    deleted = records.deliberation("Cordonnerie supprimée")
    deleted.delete()
    private = records.deliberation("Vitrerie réservée aux partenaires")
    group = Group.objects.create(name="Partenaire — essai")
    restriction = PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(group)
    for word in ["zinguerie", "ferronnerie", "tonnellerie", "cordonnerie", "vitrerie"]:
        assert find(q=word).total == 0, word
    member = django_user_model.objects.create_user("membre", password="mot-de-passe-de-test")
    member.groups.add(group)
    outsider = django_user_model.objects.create_user("autre", password="mot-de-passe-de-test")
    assert titles(find(q="vitrerie", user=member)) == ["Vitrerie réservée aux partenaires"]
    assert find(q="vitrerie", user=outsider).total == 0
    assert find(q="zinguerie", user=member).total == 0

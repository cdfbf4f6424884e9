"""The public pages answer 200 with the seed facts on them, in French, on the DSFR."""

import pytest
from django.test import override_settings

from erbm_cms.deliberations.models import DeliberationPage
from tests.helpers import visible_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url, facts",
    [
        ("/", ["Renouveau du bassin minier", "1,2 million", "250", "Dernières actualités",
               "Visite du Premier ministre dans le bassin minier", "9 décembre 2016", "Installation de la délégation"]),
        ("/engagement/", ["Signé le 7 mars 2017 à Oignies", "Les 12 signataires", "Communauté d'agglomération du Douaisis",
                          "Axe 1 : Redonner de l'énergie au territoire", "1 200 km²", "150 M€ de l'ANRU"]),
        ("/actualites/", ["3 actualités", "Dossier de presse", "Communiqué de presse", "Article", "22 février 2018"]),
        ("/actualites/visite-premier-ministre-pecquencourt-douai/",
         ["Publié le 22 février 2018", "cité Lemay", "638 600 € HT", "© DREAL Hauts-de-France",
          "4,5 M€", "Source : Préfecture de la région Hauts-de-France, dossier de presse du 22 février 2018", "PDF –"]),
        ("/actualites/etat-et-collectivites-en-ordre-de-marche/",
         ["Publié le 5 février 2018", "cités minières à réhabiliter", "26 octobre 2017", "1,2 million", "Un enjeu, sept axes forts"]),
        ("/actualites/signature-protocole-engagement/",
         ["27 mars 2017", "75 M€ de crédits de l'ANAH", "En savoir plus", "Source : IREV"]),
        ("/comites-de-pilotage/", ["Comité de pilotage du 5 février 2018 à Oignies"]),
        ("/comites-de-pilotage/comite-de-pilotage-2018-02-05/",
         ["lundi 5 février 2018", "Oignies (Pas-de-Calais)", "Présidence", "Partenaires (12)", "Ordre du jour",
          "Décisions", "Actions de suivi", "Alain Neveü, délégué interministériel", "Prévue", "Caisse des dépôts"]),
        ("/deliberations/", ["Par partenaire", "Douaisis Agglo", "Exemple fictif"]),
        ("/deliberations/douaisis-agglo/", ["Communauté d'agglomération du Douaisis", "SIREN 200044618", "Délibérations"]),
        ("/la-delegation/", ["Alain NEVEÛ", "03.21.18.90.17", "Oignies", "Un partenariat de 12 acteurs"]),
        ("/mentions-legales/", ["Éditeur", "Exemple fictif"]),
        ("/accessibilite/", ["RGAA", "non conforme"]),
    ],
)
def test_public_page_shows_the_seed_facts(client, url, facts):
    response = client.get(url)
    assert response.status_code == 200
    text = visible_text(response)
    for fact in facts:
        assert fact in text, f"{fact!r} missing on {url}"


def test_every_page_wears_the_state_design_system_in_french(client):
    response = client.get("/")
    html = response.content.decode()
    assert '<html lang="fr"' in html
    assert "dsfr.min.css" in html and "dsfr.module.min.js" in html
    text = visible_text(response)
    for landmark in ["République française", "Actualités", "Délibérations", "Mentions légales", "Accessibilité : non conforme"]:
        assert landmark in text


def test_breadcrumb_leads_back_home(client):
    html = client.get("/actualites/visite-premier-ministre-pecquencourt-douai/").content.decode()
    assert 'class="fr-breadcrumb"' in html
    assert 'href="/actualites/"' in html and ">Accueil<" in html


def test_a_deliberation_page_shows_all_its_fields_and_says_it_is_fictitious(client):
    deliberation = DeliberationPage.objects.filter(partner__slug="douaisis-agglo").first()
    text = visible_text(client.get(deliberation.url))
    for fact in [
        "Exemple fictif", "n'a été votée par aucune assemblée", deliberation.title, deliberation.number,
        "Conseil communautaire", deliberation.session_date.strftime("%Y") , "Résultat du vote",
        str(deliberation.votes_for), "Matière (nomenclature ACTES)", deliberation.actes_code,
        "Transmission au contrôle de légalité", "n° de transmission EXEMPLE-", "Acte signé", "PDF –",
    ]:
        assert fact in text, fact


def test_lists_are_paginated_and_absurd_page_numbers_do_not_crash(client):
    first = client.get("/deliberations/")
    assert first.status_code == 200
    assert 'aria-label="Pagination"' in first.content.decode()  # 24 deliberations, 20 per page
    for page in ["2", "99999", "abc", "-1"]:
        assert client.get(f"/deliberations/?page={page}").status_code == 200


def test_unknown_address_gets_the_french_404_page(client):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page non trouvée" in visible_text(response)


@override_settings(DEBUG=False)
def test_server_error_gets_the_french_500_page(client, monkeypatch):
    from erbm_cms.news.models import NewsIndexPage

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(NewsIndexPage, "get_context", explode)
    client.raise_request_exception = False
    response = client.get("/actualites/")
    assert response.status_code == 500
    assert "Erreur inattendue" in visible_text(response)

"""Follow a search: RSS and Atom feeds of any search, and e-mail alerts of new matching records."""

import datetime
import re
from html import unescape

import feedparser
import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from erbm_cms.alerts import unsubscribe
from erbm_cms.alerts.models import SavedSearch
from tests.search import records

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(django_user_model):
    """A partner's editor, in the partner groups that may read restricted records."""
    call_command("createpartneruser", "greffe@douaisis-agglo.example", "douaisis-agglo", "--password", "mot-de-passe-greffe")
    return django_user_model.objects.get(email="greffe@douaisis-agglo.example")


@pytest.fixture
def partner_client(partner):
    client = Client()
    client.force_login(partner)
    return client


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_every_search_has_a_feed_that_feedparser_reads(client, kind):
    response = client.get(f"/recherche/{kind}.xml", {"q": "logement", "type": "communique"})
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Recherche « logement » · Communiqué — Renouveau du bassin minier"
    api = client.get("/api/recherche/", {"q": "logement", "type": "communique", "tri": "date"}).json()
    assert [entry.link for entry in feed.entries] == [f"http://testserver{hit['url']}" for hit in api["results"]]
    assert all(entry.title.startswith("Communiqué — ") for entry in feed.entries) and feed.entries
    self_link = [link.href for link in feed.feed.links if link.rel == "self"][0]
    assert self_link == f"http://testserver/recherche/{kind}.xml?q=logement&type=communique"


def test_a_feed_lists_the_newest_matches_first_and_takes_every_filter(client):
    feed = feedparser.parse(client.get("/recherche/rss.xml", {"type": "deliberation", "partenaire": "douaisis-agglo"}).content)
    dates = [entry.published_parsed for entry in feed.entries]
    assert dates == sorted(dates, reverse=True) and len(dates) == 2
    assert all("Communauté d'agglomération du Douaisis" in [t.term for t in entry.tags] for entry in feed.entries)


def test_a_bad_parameter_gets_a_precise_message(client):
    response = client.get("/recherche/atom.xml", {"annee": "deux-mille"})
    assert response.status_code == 400
    assert "L'année doit être un nombre entier" in response.content.decode()


def test_a_feed_never_shows_a_record_restricted_to_partners_even_to_a_partner(partner_client):
    private = records.refresh(records.deliberation("Convention réservée", summary="Mot rare : chaudronnerie."))
    private.restricted_to_partners = True
    private.save_revision().publish()
    assert partner_client.get("/api/recherche/", {"q": "chaudronnerie"}).json()["total"] == 1
    feed = feedparser.parse(partner_client.get("/recherche/rss.xml", {"q": "chaudronnerie"}).content)
    assert feed.entries == []


def test_the_results_page_links_its_feeds_with_the_same_parameters(client):
    html = unescape(client.get("/recherche/", {"q": "logement", "annee": "2018"}).content.decode())
    assert '<link rel="alternate" type="application/rss+xml" title="Cette recherche (RSS)" href="/recherche/rss.xml?q=logement&annee=2018">' in html
    assert 'href="/recherche/atom.xml?q=logement&annee=2018"' in html
    assert "connectez-vous" in html  # anonymous visitors are told how to get e-mail alerts


def test_a_saved_search_sends_one_digest_for_a_newly_published_matching_record(partner_client, partner):
    response = partner_client.post("/recherche/alertes/", {"q": "tréfilerie", "type": "deliberation"})
    assert response.status_code == 302
    saved = SavedSearch.objects.get(user=partner)
    assert saved.label == "« tréfilerie » · Délibération"
    assert "Alerte enregistrée" in unescape(partner_client.get(response["Location"]).content.decode())

    call_command("send_search_alerts")
    assert mail.outbox == []  # nothing new yet

    records.communique("Communiqué sur la tréfilerie", lead="La tréfilerie en communiqué.")  # not a deliberation
    new = records.deliberation("Reprise de la tréfilerie", summary="Soutien à la reprise de la tréfilerie.",
                               date=datetime.date(2015, 6, 1))
    call_command("send_search_alerts")
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["greffe@douaisis-agglo.example"]
    assert email.subject == "1 nouveau résultat : « tréfilerie » · Délibération"
    assert f"http://testserver{new.url}" in email.body
    assert "Communiqué sur la tréfilerie" not in email.body
    stop = re.search(r"Ne plus recevoir cette alerte \(un clic suffit\) : (\S+)", email.body)[1]
    assert email.extra_headers["List-Unsubscribe"] == f"<{stop}>"
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    call_command("send_search_alerts")
    assert len(mail.outbox) == 1  # sent once only

    anonymous = Client()
    response = anonymous.get(stop.replace("http://testserver", ""))
    assert response.status_code == 200 and "Vous ne recevrez plus cette alerte" in response.content.decode()
    assert not SavedSearch.objects.exists()


def test_mail_clients_unsubscribe_with_one_post_and_a_forged_link_does_nothing(partner):
    saved = SavedSearch.objects.create(user=partner, query_string="q=charbon", label="« charbon »")
    other = SavedSearch.objects.create(user=partner, query_string="q=terril", label="« terril »")
    client = Client(enforce_csrf_checks=True)
    forged = unsubscribe.token(saved)[:-3] + "abc"
    assert client.get(f"/recherche/alertes/desinscription/{forged}/").status_code == 400
    assert client.post(f"/recherche/alertes/desinscription/{unsubscribe.token(saved)}/",
                       {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert list(SavedSearch.objects.all()) == [other]


def test_only_signed_in_users_save_searches_and_only_their_own_are_listed(client, partner_client, django_user_model):
    response = client.post("/recherche/alertes/", {"q": "charbon"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not SavedSearch.objects.exists()
    someone = django_user_model.objects.create_user("autre", "autre@example.invalid", "x")
    SavedSearch.objects.create(user=someone, query_string="q=terril", label="« terril »")
    partner_client.post("/recherche/alertes/", {"q": "charbon"})
    html = partner_client.get("/recherche/alertes/").content.decode()
    assert "« charbon »" in html and "« terril »" not in html
    theirs = SavedSearch.objects.get(user=someone)
    assert partner_client.post(f"/recherche/alertes/{theirs.pk}/supprimer/").status_code == 404


def test_a_user_without_an_address_is_told_why_no_alert_is_saved(django_user_model):
    user = django_user_model.objects.create_user("sans-adresse", "", "x")
    client = Client()
    client.force_login(user)
    response = client.post("/recherche/alertes/", {"q": "charbon"}, follow=True)
    assert "n'a pas d'adresse électronique" in unescape(response.content.decode())
    assert not SavedSearch.objects.exists()

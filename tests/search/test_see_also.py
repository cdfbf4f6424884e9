"""« Voir aussi »: related records on every record page, never one the visitor may not see,
in a fixed number of queries (issue 17, point 2)."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from erbm_cms.deliberations.models import DeliberationPage
from search.related import database_related, more_like_this_request
from tests.search import records

pytestmark = pytest.mark.django_db


def see_also_links(html):
    if 'id="voir-aussi"' not in html:
        return []
    section = html.split('id="voir-aussi"')[1].split("</section>")[0]
    return re.findall(r'<a href="([^"]+)">', section)


@pytest.fixture
def partner_user(django_user_model):
    call_command("createpartneruser", "greffe@douaisis-agglo.example", "douaisis-agglo", "--password", "x")
    return django_user_model.objects.get(email="greffe@douaisis-agglo.example")


@pytest.mark.parametrize("url", [
    "/engagement/", "/actualites/signature-protocole-engagement/", "/comites-de-pilotage/comite-de-pilotage-2018-02-05/",
    "/deliberations/douaisis-agglo/convention-de-financement-du-pole-dechanges-multimodal-de-la-gare/",
])
def test_every_record_page_shows_a_few_related_records_but_not_itself(client, url):
    links = see_also_links(client.get(url).content.decode())
    assert 1 <= len(links) <= 4
    assert url not in links
    assert all(client.get(link).status_code == 200 for link in links)


def test_the_records_sharing_the_rarest_words_come_first():
    first = records.deliberation("Dépollution du carreau de fosse", summary="Dépollution des terrils et du carreau de fosse par phytoremédiation.")
    twin = records.deliberation("Phytoremédiation des terrils", summary="Phytoremédiation du carreau de fosse et des terrils.",
                                partner="ca-lens-lievin")
    hits = database_related(first.pk, AnonymousUser())
    assert hits[0].page_id == twin.pk


def test_a_restricted_record_is_shown_only_to_those_who_may_see_it(partner_user):
    public = records.deliberation("Méthanisation agricole", summary="Unité de méthanisation et digestat agricole.")
    private = records.refresh(records.deliberation("Méthanisation réservée", summary="Méthanisation, digestat agricole."))
    private.restricted_to_partners = True
    private.save_revision().publish()

    anonymous = Client()
    assert private.url not in see_also_links(anonymous.get(public.url).content.decode())
    partner = Client()
    partner.force_login(partner_user)
    assert private.url in see_also_links(partner.get(public.url).content.decode())
    assert private.pk not in [hit.page_id for hit in database_related(public.pk, AnonymousUser(), count=50)]


def test_related_records_take_a_fixed_number_of_queries(partner_user):
    record = records.deliberation("Réseau de chaleur urbain", summary="Réseau de chaleur alimenté par la chaleur de mine.")

    def queries(user):
        with CaptureQueriesContext(connection) as captured:
            database_related(record.pk, user)
        return len(captured.captured_queries)

    few = queries(AnonymousUser()), queries(partner_user)
    for index in range(12):
        records.deliberation(f"Chaleur de mine {index}", summary="Réseau de chaleur et chaleur de mine.")
    many = queries(AnonymousUser()), queries(partner_user)
    assert few == many
    # The three of « voir aussi », and one for the visibility rule (how deep restrictions go).
    assert few[0] <= 4 and few[1] <= 5


def test_the_elasticsearch_request_is_more_like_this_the_record_within_what_the_user_may_see():
    body = more_like_this_request("erbm-records", 42, ["public"], [], count=4, now=None)
    query = body["query"]["bool"]
    assert query["must"][0]["more_like_this"]["like"] == [{"_index": "erbm-records", "_id": "42"}]
    assert "partner_slugs" in query["must"][0]["more_like_this"]["fields"]
    assert query["must_not"] == [{"ids": {"values": ["42"]}}]
    assert {"terms": {"audience": ["public"]}} in query["filter"][0]["bool"]["should"]
    assert body["size"] == 4


def test_a_page_not_in_the_index_has_no_related_records():
    draft = records.deliberation("Brouillon sans index", live=False)
    assert database_related(draft.pk, AnonymousUser()) == []
    assert DeliberationPage.objects.filter(pk=draft.pk, live=False).exists()

"""A PDF is served only to those who may see a published record that uses it."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import PageViewRestriction

from tests.search import records

pytestmark = pytest.mark.django_db


def test_the_act_of_a_public_record_is_served(client):
    page = records.deliberation("Acte public", pdf_pages=["Texte public."])
    response = client.get(page.act_document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_the_act_of_a_draft_is_not_served_to_visitors_but_is_to_editors(editor_client):
    page = records.deliberation("Acte en brouillon", pdf_pages=["Texte du brouillon."], live=False)
    url = page.act_document.url
    response = Client().get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert editor_client.get(url).status_code == 200


def test_the_act_of_a_private_record_is_served_to_its_group_only(client, django_user_model):
    page = records.deliberation("Acte réservé", pdf_pages=["Texte réservé."])
    group = Group.objects.create(name="Partenaire — essai")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(group)
    url = page.act_document.url
    assert client.get(url).status_code == 302
    outsider = django_user_model.objects.create_user("autre", password="mot-de-passe-de-test")
    client.force_login(outsider)
    refused = client.get(url)
    assert refused.status_code == 403
    assert "Accès refusé" in refused.content.decode() and "pas accessible avec votre compte" in refused.content.decode()
    member = django_user_model.objects.create_user("membre", password="mot-de-passe-de-test")
    member.groups.add(group)
    client.force_login(member)
    assert client.get(url).status_code == 200


def test_the_act_of_an_unpublished_record_is_no_longer_served(client):
    page = records.deliberation("Acte retiré", pdf_pages=["Texte retiré."])
    url = page.act_document.url
    assert client.get(url).status_code == 200
    records.refresh(page).unpublish()
    assert client.get(url).status_code == 302


def test_media_urls_never_serve_documents(client):
    page = records.deliberation("Acte public", pdf_pages=["Texte public."])
    assert client.get(f"/media/{page.act_document.file.name}").status_code == 404

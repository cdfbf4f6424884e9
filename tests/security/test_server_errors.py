"""The inputs that used to end in a server error (500) now get a 400, a clean page or a French form error."""

import io
import json
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page

from erbm_cms.deliberations.models import DeliberationPage, PartnerDeliberationsPage
from erbm_cms.news.models import CommuniquePage, NewsIndexPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("endpoint", ["pages", "documents", "images"])
@pytest.mark.parametrize("query", ["offset=99999999999999999999", "offset=" + "9" * 400, "limit=99999999999999999999",
                                   "offset=1000001", "offset=-1", "limit=%C2%B2", "offset=1e9"])
def test_huge_or_odd_offsets_and_limits_are_refused_with_400(client, endpoint, query):
    response = client.get(f"/api/v2/{endpoint}/?{query}")
    assert response.status_code == 400
    assert "must be" in response.json()["message"]


@pytest.mark.parametrize("endpoint", ["pages", "documents", "images"])
def test_a_control_character_in_an_api_query_is_refused_with_400(client, endpoint):
    response = client.get(f"/api/v2/{endpoint}/?search=acte%00%1b")
    assert response.status_code == 400 and "control character" in response.json()["message"]


def test_a_nul_in_the_find_view_is_refused_with_400(client):
    response = client.get("/api/v2/pages/find/?html_path=/actualites/%00")
    assert response.status_code == 400 and "control character" in response.json()["message"]


def communique(title, **fields):
    index = NewsIndexPage.objects.get()
    page = CommuniquePage(title=title, date=date(2024, 5, 2), lead="Chapô du communiqué.", **fields)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_page_search_in_the_api_works_and_shows_only_what_a_visitor_may_see(client):
    communique("Zorglubienne annonce publique")
    expired = communique("Quaxiferienne annonce périmée")
    Page.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - timedelta(days=1))
    found = client.get("/api/v2/pages/?search=Zorglubienne")
    assert found.status_code == 200, found.content
    assert [item["title"] for item in found.json()["items"]] == ["Zorglubienne annonce publique"]
    hidden = client.get("/api/v2/pages/?search=Quaxiferienne")
    assert hidden.status_code == 200 and hidden.json()["items"] == []
    assert client.get("/api/v2/pages/?search=bassin&type=news.CommuniquePage").status_code == 200


# No NUL: PostgreSQL stores none, and the admin's forms refuse it.
CONTROL_TITLE = "Titre\x0bavec\x1fcaractères\x01de\x08contrôle\ufffe"


@pytest.mark.parametrize("feed", ["/actualites/rss.xml", "/actualites/atom.xml"])
def test_a_title_with_control_characters_does_not_break_the_news_feeds(client, feed):
    communique(CONTROL_TITLE, )
    response = client.get(feed)
    assert response.status_code == 200
    titles = [element.text for element in ET.fromstring(response.content).iter() if element.tag.endswith("title")]
    assert "Titreaveccaractèresdecontrôle" in titles


@pytest.mark.parametrize("feed", ["rss.xml", "atom.xml"])
def test_a_title_with_control_characters_does_not_break_the_deliberation_feeds(client, feed):
    section = PartnerDeliberationsPage.objects.get(partner__siret="20004461800011")
    page = DeliberationPage(title=CONTROL_TITLE, partner=section.partner, deliberating_body="conseil_communautaire",
                            session_date=date(2024, 1, 8), number="CTRL-1", actes_code="8.5")
    section.add_child(instance=page)
    page.save_revision().publish()
    response = client.get(f"/deliberations/{section.partner.slug}/{feed}")
    assert response.status_code == 200
    assert "Titreaveccaractèresdecontrôle" in ET.tostring(ET.fromstring(response.content), encoding="unicode")


def test_copying_a_deliberation_in_the_admin_gives_a_form_error(editor_client):
    page = DeliberationPage.objects.live().first()
    count = DeliberationPage.objects.count()
    response = editor_client.post(reverse("wagtailadmin_pages:copy", args=[page.pk]), {
        "new_title": page.title + " (copie)", "new_slug": page.slug + "-copie",
        "new_parent_page": page.get_parent().pk, "publish_copies": "on",
    })
    assert response.status_code == 200
    assert f"Une délibération ne peut pas être copiée : son numéro (n° {page.number}) est unique" in response.content.decode()
    assert DeliberationPage.objects.count() == count
    alias = editor_client.post(reverse("wagtailadmin_pages:copy", args=[page.pk]), {
        "new_title": page.title, "new_slug": page.slug + "-alias", "new_parent_page": page.get_parent().pk, "alias": "on",
    })
    assert alias.status_code == 200 and DeliberationPage.objects.count() == count


def test_copying_a_section_with_its_deliberations_gives_a_form_error(editor_client):
    section = PartnerDeliberationsPage.objects.first()
    response = editor_client.post(reverse("wagtailadmin_pages:copy", args=[section.pk]), {
        "new_title": "Copie", "new_slug": "copie-rubrique", "new_parent_page": section.get_parent().pk,
        "copy_subpages": "on",
    })
    assert response.status_code == 200
    assert "Les sous-pages contiennent des délibérations" in response.content.decode()


def jpeg(truncate=False):
    buffer = io.BytesIO()
    PILImage.effect_noise((320, 240), 64).convert("RGB").save(buffer, format="JPEG", quality=90)
    data = buffer.getvalue()
    return data[: len(data) // 2] if truncate else data


def test_a_truncated_jpeg_gets_a_french_error_in_the_image_form(editor_client):
    before = get_image_model().objects.count()
    response = editor_client.post(reverse("wagtailimages:add"), {
        "title": "Photo tronquée", "collection": 1,
        "file": SimpleUploadedFile("photo.jpg", jpeg(truncate=True), content_type="image/jpeg"),
    })
    assert response.status_code == 200
    assert "Cette image est tronquée ou endommagée" in response.content.decode()
    assert get_image_model().objects.count() == before


def test_a_truncated_jpeg_gets_a_french_error_in_the_multiple_upload(editor_client):
    before = get_image_model().objects.count()
    response = editor_client.post(reverse("wagtailimages:add_multiple"), {
        "title": "Photo tronquée", "collection": 1,
        "files[]": SimpleUploadedFile("photo.jpg", jpeg(truncate=True), content_type="image/jpeg"),
    })
    assert response.status_code == 200
    payload = json.loads(response.content)
    assert payload["success"] is False and "Cette image est tronquée ou endommagée" in payload["error_message"]
    assert get_image_model().objects.count() == before


def test_a_whole_jpeg_is_still_accepted(editor_client):
    response = editor_client.post(reverse("wagtailimages:add"), {
        "title": "Photo entière", "collection": 1,
        "file": SimpleUploadedFile("photo.jpg", jpeg(), content_type="image/jpeg"),
    })
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="Photo entière").exists()


@pytest.mark.parametrize("endpoint", ["pages", "documents", "images"])
@pytest.mark.parametrize("search", [" ", "\u00a0", "\u2028", '"', 'a"b"c"', '"""'])
def test_a_search_of_blanks_or_odd_quotes_in_the_api_is_refused_with_400(client, endpoint, search):
    response = client.get(f"/api/v2/{endpoint}/", {"search": search})
    assert response.status_code == 400
    assert "message" in response.json()


@pytest.mark.parametrize("endpoint", ["pages", "documents", "images"])
@pytest.mark.parametrize("value", ["x", "NaN", "1e999", "-1", "\uff11", "9" * 40])
def test_a_non_numeric_id_in_the_find_view_is_refused_with_400(client, endpoint, value):
    assert client.get(f"/api/v2/{endpoint}/find/", {"id": value}).status_code == 400

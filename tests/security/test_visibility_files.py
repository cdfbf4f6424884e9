"""Files: a PDF only through /documents/ to those who may see a record using it; /media/ never serves a
document in any profile, whatever the spelling of the path; an image only to those who may see a page
showing it."""

import importlib
from urllib.parse import quote

import pytest
from django.test import Client, override_settings
from django.urls import clear_url_caches

from .planting import png

pytestmark = pytest.mark.django_db

HIDDEN_STATES = ["draft", "unpublished", "expired"]
RESERVED_STATES = ["restricted", "restricted_news"]


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def served(response):
    return response.status_code == 200


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_documents_of_hidden_records_are_served_to_no_reader(planted, anonymous, client_a, client_reviewer, state):
    url = planted.documents[state].url
    assert anonymous.get(url).status_code == 302
    assert client_a.get(url).status_code == 403  # another partner's draft: no right on it
    # The reviewer may change every document (it reviews them): the admin right, not the record, lets it in.
    assert served(client_reviewer.get(url))


@pytest.mark.parametrize("state", RESERVED_STATES)
def test_documents_of_reserved_records_are_served_to_partners_only(planted, anonymous, client_a, state):
    url = planted.documents[state].url
    assert anonymous.get(url).status_code == 302
    response = client_a.get(url)
    assert served(response) and body(response).startswith(b"%PDF-")


def test_document_url_variants_do_not_get_around_the_rule(planted, anonymous):
    document = planted.documents["restricted"]
    url = document.url
    variants = [url.replace("/documents/", "/documents//"), url.upper(), url + "/", url + ".", url.replace(".pdf", ".PDF"),
                url.replace(document.filename, quote(document.filename, safe="")), url.replace(str(document.pk), f"0{document.pk}"),
                f"/documents/{document.pk}/autre-nom.pdf", url + "?download=1"]
    for variant in variants:
        response = anonymous.get(variant)
        assert not (served(response) and body(response).startswith(b"%PDF-")), variant


def media_variants(name):
    """Spellings of /media/<name> that a careless path check would let through."""
    folder, _, filename = name.partition("/")
    return [
        f"/media/{name}", f"/media//{name}", f"/media/./{name}", f"/media/images/../{name}",
        f"/media/original_images/../{name}", f"/media/%2e%2e/media/{name}", f"/media/{quote(name, safe='')}",
        f"/media/{folder.upper()}/{filename}", f"/media/{folder}//{filename}", f"/media/{name}.", f"/media/{name}%00",
        f"/media/{name}/", f"/media/{folder}/./{filename}", f"/media/{folder}%2f{filename}", f"/media/{name}%20",
        f"/media/{name.replace('.pdf', '.PDF')}", f"/media\\{name}", f"/media/{folder}\\{filename}",
        f"/media/images/%2e%2e/{name}", f"/media/images/..%2f{name}",
    ]


def assert_no_variant_serves(client, name):
    for variant in media_variants(name):
        response = client.get(variant)
        assert not served(response), variant


def test_media_never_serves_a_document(planted, anonymous, client_a, editor_client):
    for state in ("public", "restricted", "draft"):
        name = planted.documents[state].file.name
        for client in (anonymous, client_a, editor_client):
            assert_no_variant_serves(client, name)


def test_media_never_serves_a_document_in_the_development_profile(planted, anonymous):
    import erbm_cms.urls

    try:
        with override_settings(DEBUG=True):
            clear_url_caches()
            importlib.reload(erbm_cms.urls)
            for state in ("public", "restricted"):
                assert_no_variant_serves(anonymous, planted.documents[state].file.name)
            assert not served(anonymous.get("/static/../media/" + planted.documents["public"].file.name))
    finally:
        clear_url_caches()
        importlib.reload(erbm_cms.urls)


def test_media_serves_no_other_file_of_the_server(planted, anonymous):
    for path in ("/media/", "/media/.", "/media/..", "/media/../erbm_cms/settings/base.py", "/media/%2e%2e/manage.py",
                 "/media/images/", "/media/original_images/", "/media//etc/passwd", "/media/images/../../manage.py"):
        assert not served(anonymous.get(path)), path


def test_an_image_shown_only_on_a_reserved_record_is_served_to_partners_only(planted, anonymous, client_a, client_reviewer):
    image = planted.image
    original = image.file.url
    rendition = image.get_rendition("fill-20x20").url
    for url in (original, rendition):
        response = anonymous.get(url)
        assert response.status_code == 404, url
        response = Client().get(url.replace("/media/", "/media//"))
        assert not served(response)
        for client in (client_a, client_reviewer):
            response = client.get(url)
            assert served(response), url
            assert body(response).startswith(b"\x89PNG")
            assert "private" in response["Cache-Control"]


def test_an_image_of_a_public_record_is_served_to_everyone(planted, anonymous, editor):
    from tests.search import records

    image = png("image-publique-essai")
    page = records.communique("Communiqué illustré")
    page = records.refresh(page)
    page.body = [("image", {"image": image, "alt_text": "", "caption": "", "credit": ""})]
    page.save_revision().publish()
    response = anonymous.get(image.get_rendition("width-30").url)
    assert served(response) and "public" in response["Cache-Control"]
    assert served(anonymous.get(image.file.url))
    unused = png("image-inutilisee-essai")
    assert anonymous.get(unused.file.url).status_code == 404
    client = Client()
    client.force_login(editor)
    assert served(client.get(unused.file.url))

"""Pages people share and read: description, canonical link and Open Graph everywhere; the
« Plan du site »; ACTES subjects with their accents; engagement paragraphs not cut mid-sentence."""

import re
import unicodedata
from html import unescape

import pytest

from erbm_cms.deliberations import actes
from erbm_cms.deliberations.models import DeliberationPage
from erbm_cms.engagement.models import EngagementPage

pytestmark = pytest.mark.django_db

PAGES = [
    "/", "/engagement/", "/actualites/", "/actualites/visite-premier-ministre-pecquencourt-douai/",
    "/comites-de-pilotage/", "/comites-de-pilotage/comite-de-pilotage-2018-02-05/", "/deliberations/",
    "/deliberations/douaisis-agglo/", "/la-delegation/", "/mentions-legales/", "/recherche/?q=logement",
    "/deliberations/donnees-ouvertes/", "/plan-du-site/",
]


def fold(text):
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def head_tags(html):
    """{name or property: content} of the <meta> tags, plus the canonical link."""
    tags = {}
    for attrs in re.findall(r"<(?:meta|link) ([^>]+)>", html):
        pairs = dict(re.findall(r'([\w:-]+)="([^"]*)"', attrs))
        key = pairs.get("name") or pairs.get("property") or (pairs.get("rel") == "canonical" and "canonical")
        if key:
            tags[key] = unescape(pairs.get("content") or pairs.get("href", ""))
    return tags


@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_a_description_a_canonical_link_and_open_graph_tags(client, url):
    tags = head_tags(client.get(url).content.decode())
    path = url.split("?")[0]
    assert 50 <= len(tags["description"]) <= 201
    assert tags["canonical"] == f"http://testserver{path}"
    assert tags["og:url"] == tags["canonical"]
    assert tags["og:title"] and tags["og:description"] == tags["description"]
    assert tags["og:image"] == "http://testserver/static/img/partage.png"
    assert tags["og:locale"] == "fr_FR" and tags["og:site_name"] == "Renouveau du bassin minier"


def test_a_record_is_described_by_its_own_summary(client):
    deliberation = DeliberationPage.objects.live().first()
    tags = head_tags(client.get(deliberation.url).content.decode())
    assert tags["og:title"] == deliberation.title
    assert tags["og:type"] == "article"
    words = re.sub(r"<[^>]+>", " ", deliberation.summary).split()
    assert tags["description"].startswith(unescape(" ".join(words[:5])))


def test_the_page_not_found_has_no_canonical_link(client):
    tags = head_tags(client.get("/pas-de-page-ici/").content.decode())
    assert "canonical" not in tags and tags["description"]


def test_the_site_map_lists_every_section_and_the_services(client):
    response = client.get("/plan-du-site/")
    html = response.content.decode()
    assert response.status_code == 200
    for href in ("/engagement/", "/actualites/", "/comites-de-pilotage/", "/deliberations/",
                 "/deliberations/douaisis-agglo/", "/la-delegation/", "/mentions-legales/", "/accessibilite/",
                 "/recherche/", "/deliberations/donnees-ouvertes/", "/actualites/rss.xml", "/sitemap.xml"):
        assert f'href="{href}"' in html, href
    # Records are reached through their lists, not listed one by one.
    assert DeliberationPage.objects.live().first().url not in html
    assert 'href="/plan-du-site/"' in client.get("/").content.decode()


def test_actes_subjects_are_shown_with_their_accents_and_keep_their_official_wording():
    assert actes.lookup("2.3").name == "Droit de préemption urbain"
    assert actes.lookup("5.2").name == "Fonctionnement des assemblées"
    assert actes.lookup("7.1").name == "Décisions budgétaires"
    assert actes.lookup("2.1").name == "Documents d'urbanisme"
    assert actes.lookup("6.2").name == "Pouvoir du président du conseil général"  # official wording kept
    assert actes.lookup("7.1").level2_name == "Decisions budgetaires"  # the official label, unchanged
    assert actes.describe("8.4.1") == "8.4 – Domaines de compétences par thèmes / Aménagement du territoire"
    # Every name differs from the official label by accents and apostrophes only.
    for subject in actes.subjects().values():
        assert fold(subject.name).replace("'", " ") == fold(subject.level2_name).replace("'", " "), subject.code


def test_a_deliberation_shows_its_accented_subject(client):
    deliberation = DeliberationPage.objects.live().filter(actes_code__startswith="8.4").first()
    if deliberation is None:
        deliberation = DeliberationPage.objects.live().first()
    html = client.get(deliberation.url).content.decode()
    assert unescape(actes.describe(deliberation.actes_code)) in unescape(html)


def test_engagement_paragraphs_do_not_stop_in_the_middle_of_a_sentence():
    engagement = EngagementPage.objects.live().get()
    paragraphs = []
    for block in engagement.body:
        if block.block_type == "paragraph":
            paragraphs += [unescape(re.sub(r"<[^>]+>", "", p)).strip()
                           for p in re.findall(r"<p>(.*?)</p>", block.value.source, re.S)]
    assert len(paragraphs) > 10
    for current, following in zip(paragraphs, paragraphs[1:]):
        assert not following[:1].islower(), f"cut after: …{current[-60:]}"
    text = " ".join(paragraphs)
    assert "L’inscription à l’UNESCO en 2012" in text
    assert "création de nouveaux centres sociaux" in text

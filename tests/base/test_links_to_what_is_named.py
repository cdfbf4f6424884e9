"""Everything that names something links to it: axes, partners, subjects, ACTES codes and years
lead to the archive or the search filtered on them (issue 17, point 1)."""

import re
from html import unescape

import pytest

from erbm_cms.deliberations import actes
from erbm_cms.deliberations.models import DeliberationPage
from erbm_cms.news.models import CommuniquePage

pytestmark = pytest.mark.django_db


def hrefs(html):
    return {unescape(h) for h in re.findall(r'href="([^"]+)"', html)}


def follow(client, href):
    response = client.get(href)
    assert response.status_code == 200, href
    return unescape(response.content.decode())


def test_a_deliberation_links_its_partner_subject_year_and_axes(client):
    deliberation = DeliberationPage.objects.live().filter(axes__isnull=False).first()
    links = hrefs(client.get(deliberation.url).content.decode())
    assert f"/recherche/?partenaire={deliberation.partner.slug}&tri=date" in links
    assert f"/deliberations/?matiere={deliberation.actes_code}" in links
    assert f"/recherche/?type=deliberation&annee={deliberation.session_date.year}&tri=date" in links
    for axis in deliberation.axes.all():
        assert f"/recherche/?axe={axis.number}&tri=date" in links


def test_the_links_lead_to_lists_filtered_on_what_was_named(client):
    deliberation = DeliberationPage.objects.live().first()
    by_partner = follow(client, f"/recherche/?partenaire={deliberation.partner.slug}&tri=date")
    assert deliberation.title in by_partner
    others = DeliberationPage.objects.live().exclude(partner=deliberation.partner).first()
    assert others.title not in by_partner

    code = deliberation.actes_code
    by_subject = follow(client, f"/deliberations/?matiere={code}")
    assert f"Délibérations de matière {actes.describe(code)}" in by_subject
    listed = set(re.findall(r'<td><a href="(/deliberations/[^"]+/[^"]+/)">', by_subject))
    expected = {p.url for p in DeliberationPage.objects.live().filter(actes_code=code)}
    assert listed == expected

    by_year = follow(client, f"/recherche/?type=deliberation&annee={deliberation.session_date.year}&tri=date")
    assert deliberation.title in by_year


def test_a_communique_links_its_subjects_partners_axes_and_year(client):
    communique = CommuniquePage.objects.live().filter(tagged_items__isnull=False).distinct().first()
    links = hrefs(client.get(communique.url).content.decode())
    tag = communique.subjects.first()
    assert f"/actualites/?sujet={tag.slug}" in links
    assert f"/recherche/?type=communique&annee={communique.date.year}&tri=date" in links
    for axis in communique.axes.all():
        assert f"/recherche/?axe={axis.number}&tri=date" in links
    for partner in communique.partners.all():
        assert f"/recherche/?partenaire={partner.slug}&tri=date" in links

    by_tag = follow(client, f"/actualites/?sujet={tag.slug}")
    tagged = CommuniquePage.objects.live().filter(subjects__slug=tag.slug)
    untagged = CommuniquePage.objects.live().exclude(pk__in=tagged)
    assert all(c.title in by_tag for c in tagged)
    assert not any(c.title in by_tag for c in untagged)
    assert f"Sujet : {tag.name}" in re.sub(r"<[^>]+>", "", by_tag)


def test_the_engagement_links_its_axes_and_its_signatories(client):
    html = client.get("/engagement/").content.decode()
    links = hrefs(html)
    assert {f"/recherche/?axe={n}&tri=date" for n in (1, 2, 3, 4)} <= links
    assert "/recherche/?partenaire=douaisis-agglo&tri=date" in links


def test_the_steering_committee_links_its_partners(client):
    links = hrefs(client.get("/comites-de-pilotage/comite-de-pilotage-2018-02-05/").content.decode())
    assert "/recherche/?partenaire=region-hauts-de-france&tri=date" in links


def test_the_archive_lists_link_partners_and_subjects(client):
    links = hrefs(client.get("/deliberations/").content.decode())
    assert "/recherche/?partenaire=douaisis-agglo&tri=date" in links
    assert any(link.startswith("/deliberations/?matiere=") for link in links)


def test_an_unknown_actes_code_is_explained_and_everything_still_listed(client):
    html = follow(client, "/deliberations/?matiere=99.9")
    assert "« 99.9 » n'est pas un code de la nomenclature ACTES" in html
    assert DeliberationPage.objects.live().order_by("-session_date").first().title in html

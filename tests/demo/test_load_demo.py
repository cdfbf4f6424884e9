import pytest
from pypdf import PdfReader
from wagtail.models import Page, Site

from erbm_cms.base.models import ContentPage
from erbm_cms.deliberations.models import DeliberationPage, PartnerDeliberationsPage
from erbm_cms.demo.loader import DemoLoader
from erbm_cms.documents.models import ArchiveDocument
from erbm_cms.engagement.models import EngagementPage
from erbm_cms.home.models import HomePage
from erbm_cms.minutes.models import MinutesPage
from erbm_cms.news.models import CommuniquePage
from erbm_cms.partners.models import Axis, Partner

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Page, Partner, Axis, ArchiveDocument, DeliberationPage, CommuniquePage, MinutesPage)
    }


def test_running_the_loader_again_creates_nothing_and_changes_nothing():
    before = counts()
    titles = sorted(Page.objects.values_list("title", flat=True))
    assert DemoLoader().run() == 0
    assert counts() == before
    assert sorted(Page.objects.values_list("title", flat=True)) == titles


def test_the_site_opens_on_the_home_page_built_from_the_seeds():
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    assert "1,2 million" in [child.value["value"] for child in home.key_figures]
    assert [child.value["date_label"] for child in home.timeline][:2] == ["9 décembre 2016", "7 mars 2017"]
    # Wagtail's placeholder "Welcome" page is gone.
    assert not Page.objects.filter(title__startswith="Welcome").exists()


def test_twelve_partners_with_their_sourced_identifiers_and_no_invented_siret():
    assert Partner.objects.count() == 12
    region = Partner.objects.get(slug="region-hauts-de-france")
    assert (region.siren, region.siret) == ("200053742", "20005374200017")
    douaisis = Partner.objects.get(slug="douaisis-agglo")
    assert douaisis.siret == "20004461800011"
    # The reference table gives no head-office SIRET for the others: none is made up.
    assert Partner.objects.exclude(siret="").count() == 2
    assert Partner.objects.get(slug="etat").siren == ""


def test_the_engagement_has_its_four_axes_and_twelve_signatories():
    engagement = EngagementPage.objects.get()
    assert str(engagement.signing_date) == "2017-03-07"
    assert "Oignies" in engagement.signing_place
    assert engagement.signatories.count() == 12
    assert list(engagement.axes.values_list("number", flat=True)) == [1, 2, 3, 4]
    assert Axis.objects.get(number=2).title == "Redonner du mouvement au territoire"


def test_the_communiques_and_the_press_kit_are_rich_pages_crediting_their_source():
    kinds = dict(CommuniquePage.objects.values_list("slug", "kind"))
    assert kinds == {
        "signature-protocole-engagement": "article",
        "etat-et-collectivites-en-ordre-de-marche": "communique",
        "visite-premier-ministre-pecquencourt-douai": "dossier",
    }
    kit = CommuniquePage.objects.get(kind="dossier")
    block_types = {block.block_type for block in kit.body}
    assert {"heading", "paragraph", "key_figures", "photo_credit", "documents"} <= block_types
    assert "22 février 2018" in kit.source and "Préfecture de la région Hauts-de-France" in kit.source
    credits = [block.value["credit"] for block in kit.body if block.block_type == "photo_credit"]
    assert "DREAL Hauts-de-France" in credits and "Claire K." in credits
    assert all(page.attachments.count() == 1 for page in CommuniquePage.objects.all())


def test_the_first_steering_committee_is_recorded():
    minutes = MinutesPage.objects.get()
    assert str(minutes.meeting_date) == "2018-02-05"
    assert "Oignies" in minutes.place
    assert minutes.attending_partners.count() == 12
    assert len(minutes.decisions) >= 3
    assert minutes.actions.count() == 3
    assert minutes.minutes_document is not None
    assert minutes.related_communiques.get().slug == "etat-et-collectivites-en-ordre-de-marche"


def test_at_least_two_fictitious_deliberations_per_partner_each_with_its_pdf():
    assert PartnerDeliberationsPage.objects.count() == 12
    assert DeliberationPage.objects.count() >= 24
    for partner in Partner.objects.all():
        deliberations = DeliberationPage.objects.filter(partner=partner)
        assert deliberations.count() >= 2, partner
        for deliberation in deliberations:
            assert deliberation.is_sample and deliberation.live
            assert deliberation.get_parent().specific.partner == partner
            reader = PdfReader(deliberation.act_document.file.path)
            assert len(reader.pages) >= 1
            assert all("EXEMPLE FICTIF" in page.extract_text() for page in reader.pages)
    page_counts = {len(PdfReader(d.act_document.file.path).pages) for d in DeliberationPage.objects.all()}
    assert page_counts == {1, 2, 3}


def test_the_delegation_and_legal_pages_exist():
    slugs = set(ContentPage.objects.values_list("slug", flat=True))
    assert {"la-delegation", "mentions-legales", "accessibilite"} <= slugs
    assert set(ContentPage.objects.filter(footer_link=True).values_list("slug", flat=True)) == {"mentions-legales", "accessibilite"}

"""Every page type can be created in the Wagtail admin and then shows its fields."""

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, rich_text, streamfield

from erbm_cms.base.models import ContentPage
from erbm_cms.deliberations.models import DeliberationPage, PartnerDeliberationsPage
from erbm_cms.engagement.models import EngagementPage
from erbm_cms.home.models import HomePage
from erbm_cms.minutes.models import MinutesIndexPage, MinutesPage
from erbm_cms.news.models import CommuniquePage, NewsIndexPage
from erbm_cms.partners.models import Axis, Partner
from tests.helpers import form_errors, post_new_page, visible_text

pytestmark = pytest.mark.django_db


def create(client, model, parent, fields):
    response = post_new_page(client, model, parent, fields)
    if response.status_code != 302:
        pytest.fail(f"the admin refused the {model.__name__}: {form_errors(response)}")
    page = model.objects.get(slug=fields.get("slug") or fields["title"].lower().replace(" ", "-")[:50])
    assert page.live
    return page


def test_the_admin_speaks_french(editor_client):
    response = editor_client.get("/admin/")
    assert response.status_code == 200
    assert "Tableau de bord" in response.content.decode()


def test_create_a_communique_with_a_rich_body_and_attachment(editor_client, pdf_document):
    news = NewsIndexPage.objects.get()
    axis = Axis.objects.get(number=3)
    partner = Partner.objects.get(slug="ca-lens-lievin")
    page = create(editor_client, CommuniquePage, news, {
        "title": "Inauguration de la cité des Provinces",
        "slug": "inauguration-cite-des-provinces",
        "date": "2019-06-14",
        "kind": "communique",
        "lead": "La cité minière rénovée accueille ses habitants.",
        "body": streamfield([
            ("heading", "Une rénovation exemplaire"),
            ("paragraph", rich_text("<p>Les 120 logements ont été réhabilités.</p>")),
            ("quote", {"text": "Un cadre de vie transformé", "author": "Une habitante", "role": ""}),
            ("key_figures", {"heading": "En chiffres", "figures": streamfield([
                ("item", {"value": "120", "label": "logements", "detail": ""})])}),
            ("photo_credit", {"caption": "La cité rénovée", "credit": "Délégation"}),
        ]),
        "attachments": inline_formset([{"document": pdf_document.pk, "title": "Dossier de l'inauguration"}]),
        "axes": (axis.pk,),
        "partners": (partner.pk,),
        "subjects": "logement, cités minières",
        "source": "",
    })
    text = visible_text(editor_client.get(page.url))
    for fact in ["Inauguration de la cité des Provinces", "14 juin 2019", "Communiqué de presse",
                 "La cité minière rénovée", "Une rénovation exemplaire", "Les 120 logements",
                 "Un cadre de vie transformé", "120 logements", "© Délégation", "Dossier de l'inauguration",
                 "PDF –", "Axe 3", partner.name, "cités minières"]:
        assert fact in text, fact


def test_create_an_engagement_page(editor_client, pdf_document):
    home = HomePage.objects.get()
    page = create(editor_client, EngagementPage, home, {
        "title": "Avenant à l'engagement",
        "slug": "avenant",
        "intro": "Un avenant précise les engagements.",
        "signing_date": "2021-03-07",
        "signing_place": "Lens",
        "signatories": tuple(Partner.objects.values_list("pk", flat=True)[:3]),
        "axes": (Axis.objects.get(number=1).pk,),
        "body": streamfield([("paragraph", rich_text("<p>Le texte de l'avenant.</p>"))]),
        "signed_document": pdf_document.pk,
        "source": "",
    })
    text = visible_text(editor_client.get(page.url))
    for fact in ["Avenant à l'engagement", "Signé le 7 mars 2021 à Lens par 3 partenaires", "Texte signé de l'engagement",
                 "Axe 1 :", "Le texte de l'avenant.", "Les 3 signataires"]:
        assert fact in text, fact


def test_create_a_deliberation_in_a_partner_section(editor_client, pdf_document):
    section = PartnerDeliberationsPage.objects.get(partner__slug="cc-osartis-marquion")
    page = create(editor_client, DeliberationPage, section, {
        "title": "Adhésion au programme de rénovation des cités minières",
        "slug": "adhesion-renovation",
        "deliberating_body": "conseil_communautaire",
        "session_date": "2019-05-20",
        "number": "2019-077",
        "actes_code": "8.5",
        "members_in_office": "60", "members_present": "52",
        "votes_for": "48", "votes_against": "1", "abstentions": "3",
        "prefecture_date": "2019-05-24", "transmission_id": "062-200044048-20190524-2019077-DE",
        "summary": rich_text("<p>Le conseil adhère au programme.</p>"),
        "act_document": pdf_document.pk,
        "annexes": inline_formset([{"document": pdf_document.pk, "title": "Plan de financement"}]),
        "axes": (Axis.objects.get(number=1).pk,),
        "budget_year": "2019", "budget_name": "Budget principal",
    })
    assert page.partner.slug == "cc-osartis-marquion"  # taken from the section
    assert not page.is_sample
    text = visible_text(editor_client.get(page.url))
    for fact in ["Adhésion au programme de rénovation des cités minières", "Communauté de communes Osartis-Marquion",
                 "Conseil communautaire", "20 mai 2019", "2019-077",
                 "8.5 – Domaines de compétences par thèmes / Politique de la ville-habitat-logement",
                 "60", "52", "48", "Le conseil adhère au programme.", "Plan de financement", "24 mai 2019",
                 "Budget principal", "n° de transmission 062-200044048-20190524-2019077-DE"]:
        assert fact in text, fact
    assert "Exemple fictif" not in text


def test_create_steering_committee_minutes(editor_client, pdf_document):
    index = MinutesIndexPage.objects.get()
    communique = CommuniquePage.objects.first()
    page = create(editor_client, MinutesPage, index, {
        "title": "Comité de pilotage du 3 juillet 2018",
        "slug": "copil-2018-07-03",
        "status": "tenu",
        "meeting_date": "2018-07-03",
        "place": "Oignies",
        "chair": "Préfet de région",
        "attending_partners": tuple(Partner.objects.values_list("pk", flat=True)),
        "attendees": streamfield([("attendee", {"name": "Délégué interministériel", "organisation": "Délégation"})]),
        "summary": "Point d'étape sur les premiers chantiers.",
        "agenda": streamfield([("item", {"title": "Cités minières", "detail": "Liste des premières cités"})]),
        "decisions": streamfield([("decision", {"text": rich_text("<p>La liste des cités est arrêtée.</p>")})]),
        "actions": inline_formset([{"description": "Publier la liste", "owner": "Délégation",
                                    "due_date": "2018-09-01", "status": "en_cours"}]),
        "minutes_document": pdf_document.pk,
        "related_communiques": (communique.pk,),
        "axes": (Axis.objects.get(number=1).pk,),
    })
    text = visible_text(editor_client.get(page.url))
    for fact in ["Comité de pilotage du 3 juillet 2018", "mardi 3 juillet 2018", "Préfet de région", "Partenaires (12)",
                 "Délégué interministériel (Délégation)", "Cités minières", "La liste des cités est arrêtée.",
                 "Publier la liste", "1 septembre 2018", "En cours", "Compte rendu", communique.title]:
        assert fact in text, fact


def test_create_a_content_page_linked_from_the_footer(editor_client):
    home = HomePage.objects.get()
    page = create(editor_client, ContentPage, home, {
        "title": "Foire aux questions",
        "slug": "foire-aux-questions",
        "intro": "Toutes les rubriques.",
        "body": streamfield([("paragraph", rich_text("<p>Les rubriques du site.</p>"))]),
        "source": "",
        "footer_link": "on",
    })
    text = visible_text(editor_client.get(page.url))
    assert "Toutes les rubriques." in text and "Les rubriques du site." in text
    assert 'href="/foire-aux-questions/"' in editor_client.get("/").content.decode()


def test_create_index_pages_and_partner_sections(editor_client):
    home = HomePage.objects.get()
    news = create(editor_client, NewsIndexPage, home, {"title": "Presse", "slug": "presse", "intro": "Espace presse."})
    assert "Espace presse." in visible_text(editor_client.get(news.url))
    partner = Partner.objects.create(name="Partenaire d'essai", short_name="Essai", kind="communes")
    index = Page.objects.get(slug="deliberations")
    section = create(editor_client, PartnerDeliberationsPage, index, {
        "title": "Délibérations d'essai", "slug": "essai", "partner": partner.pk, "intro": ""})
    assert "Partenaire d'essai" in visible_text(editor_client.get(section.url))

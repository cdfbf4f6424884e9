"""A partner may attach only its own documents, public ones, or those its pages already use: checked on save.

Partner A (the attacker) tries to attach partner B's draft and restricted acts to
its own deliberations: as the act, as an annex, in a new page, an edited page and
a preview, by id. The form refuses, and no page shows the foreign title.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Collection
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from erbm_cms.deliberations.models import DeliberationPage, PartnerDeliberationsPage
from erbm_cms.records.choosing import REFUSED, choosable_documents
from erbm_cms.records.groups import RESTRICTED_COLLECTION
from tests.helpers import add_page_url

from .planting import partner_collection, pdf_in

pytestmark = pytest.mark.django_db

FOREIGN = ["draft", "restricted", "unpublished", "expired"]


def deliberation_fields(number, act="", annexes=()):
    return {
        "title": f"Délibération d'essai {number}", "slug": f"essai-{number}".lower(),
        "deliberating_body": "conseil_communautaire", "session_date": "2020-05-20", "number": number,
        "actes_code": "8.5", "members_in_office": "", "members_present": "", "votes_for": "", "votes_against": "",
        "abstentions": "", "prefecture_date": "", "prefecture_id": "", "budget_year": "", "budget_name": "",
        "summary": rich_text(""), "act_document": str(act),
        "annexes": inline_formset([{"document": str(pk), "title": ""} for pk in annexes]),
    }


def section_of(partner):
    return PartnerDeliberationsPage.objects.get(partner=partner)


def page_text(response):
    return response.content.decode().lower()


def foreign_title(planted, state):
    return planted.documents[state].title.lower()


@pytest.mark.parametrize("state", FOREIGN)
@pytest.mark.parametrize("as_annex", [False, True])
def test_a_partner_cannot_attach_another_partners_hidden_document_to_a_new_record(planted, client_a, state, as_annex):
    foreign = planted.documents[state]
    fields = deliberation_fields(f"A-{state}-{as_annex}", annexes=[foreign.pk]) if as_annex else \
        deliberation_fields(f"A-{state}-{as_annex}", act=foreign.pk)
    response = client_a.post(add_page_url(DeliberationPage, section_of(planted.partner_a)), nested_form_data(fields))
    assert response.status_code == 200
    assert not DeliberationPage.objects.filter(number=fields["number"]).exists()
    html = page_text(response)
    assert foreign_title(planted, state) not in html
    assert REFUSED.lower().replace("'", "&#x27;") in html or REFUSED.lower() in html


def test_the_id_of_a_foreign_document_is_refused_in_an_edit_and_in_a_preview(planted, client_a, editor_a):
    own = pdf_in(partner_collection(planted.partner_a), "Acte propre essai", "Texte propre.")
    page = DeliberationPage(
        title="Délibération propre", partner=planted.partner_a, deliberating_body="conseil_communautaire",
        session_date=datetime.date(2020, 1, 2), number="A-OWN", actes_code="8.5", act_document=own,
    )
    section_of(planted.partner_a).add_child(instance=page)
    page.save_revision()
    for state in FOREIGN:
        foreign = planted.documents[state]
        fields = deliberation_fields("A-OWN", act=foreign.pk)
        fields["slug"] = page.slug
        response = client_a.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), nested_form_data(fields))
        assert response.status_code == 200 and foreign_title(planted, state) not in page_text(response), state
        assert DeliberationPage.objects.get(pk=page.pk).get_latest_revision_as_object().act_document_id == own.pk
        preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
        answer = client_a.post(preview_url, nested_form_data(fields))
        assert answer.json()["is_valid"] is False, state
        shown = client_a.get(preview_url)
        assert foreign_title(planted, state) not in page_text(shown), state


def test_a_page_already_holding_a_foreign_document_does_not_show_its_title_to_the_partner(planted, client_a):
    """Data from before the rule (or set by code): the edit form names no document the partner may not choose."""
    foreign = planted.documents["draft"]
    page = DeliberationPage(
        title="Délibération ancienne", partner=planted.partner_a, deliberating_body="conseil_communautaire",
        session_date=datetime.date(2020, 1, 2), number="A-OLD", actes_code="8.5",
    )
    section_of(planted.partner_a).add_child(instance=page)
    DeliberationPage.objects.filter(pk=page.pk).update(act_document=foreign)
    response = client_a.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    assert foreign_title(planted, "draft") not in page_text(response)


def test_own_public_and_already_used_documents_are_accepted(planted, client_a, editor_a):
    own = pdf_in(partner_collection(planted.partner_a), "Acte du partenaire A", "Texte A.")
    public = planted.documents["public"]
    fields = deliberation_fields("A-OK", act=own.pk, annexes=[public.pk])
    response = client_a.post(add_page_url(DeliberationPage, section_of(planted.partner_a)), nested_form_data(fields))
    assert response.status_code == 302, response.content[:300]
    page = DeliberationPage.objects.get(number="A-OK")
    assert page.act_document_id == own.pk and [a.document_id for a in page.annexes.all()] == [public.pk]
    allowed = set(choosable_documents(editor_a).values_list("pk", flat=True))
    assert {own.pk, public.pk} <= allowed
    assert not allowed & {planted.documents[state].pk for state in FOREIGN}


def test_the_delegation_may_attach_any_document(planted, reviewer, editor_b):
    every = {document.pk for document in planted.documents.values()}
    assert every <= set(choosable_documents(reviewer).values_list("pk", flat=True))
    # Partner B may use its own acts, including the one moved to the restricted collection.
    planted.documents["restricted"].refresh_from_db()
    assert planted.documents["restricted"].collection.name == RESTRICTED_COLLECTION
    assert every - {planted.documents["expired_news"].pk, planted.documents["restricted_news"].pk} <= set(
        choosable_documents(editor_b).values_list("pk", flat=True))


def test_the_chooser_and_its_search_offer_no_foreign_hidden_document(planted, client_a):
    for url, params in (("wagtaildocs_chooser:choose", {}), ("wagtaildocs_chooser:choose_results", {}),
                        ("wagtaildocs_chooser:choose_results", {"q": "quenouille"}),
                        ("wagtaildocs_chooser:choose_results", {"q": "Acte"})):
        response = client_a.get(reverse(url), params)
        assert response.status_code == 200
        html = page_text(response)
        for state in FOREIGN:
            assert foreign_title(planted, state) not in html, (url, params, state)


def test_approval_never_moves_a_foreign_document_out_of_the_restricted_collection(planted, client_a, client_reviewer):
    foreign = planted.documents["restricted"]
    page = DeliberationPage(
        title="Délibération publique de A", partner=planted.partner_a, deliberating_body="conseil_communautaire",
        session_date=datetime.date(2020, 1, 2), number="A-PUB", actes_code="8.5", act_document=foreign,
    )
    section_of(planted.partner_a).add_child(instance=page)
    page.save_revision().publish()
    foreign.refresh_from_db()
    assert foreign.collection.name == RESTRICTED_COLLECTION


def test_a_duplicate_upload_does_not_name_another_partners_document(planted, client_a):
    foreign = planted.documents["draft"]
    with foreign.open_file() as handle:
        content = handle.read()
    response = client_a.post(reverse("wagtaildocs:add"), {
        "title": "Copie", "file": SimpleUploadedFile("copie.pdf", content, content_type="application/pdf"),
        "collection": str(partner_collection(planted.partner_a).pk), "tags": "",
    })
    assert response.status_code == 200
    html = page_text(response)
    assert "déjà été déposé" in html and foreign_title(planted, "draft") not in html
    assert f"n° {foreign.pk}" not in html
    multiple = client_a.post(reverse("wagtaildocs:add_multiple"), {
        "files[]": SimpleUploadedFile("copie.pdf", content, content_type="application/pdf"),
        "collection": str(partner_collection(planted.partner_a).pk),
    })
    assert foreign_title(planted, "draft") not in page_text(multiple)
    assert Collection.objects.filter(name=RESTRICTED_COLLECTION).exists()

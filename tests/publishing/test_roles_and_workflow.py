"""Partners deposit, the delegation reviews and publishes; each partner stays in its own section."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, rich_text

from erbm_cms.deliberations.models import DeliberationPage, PartnerDeliberationsPage
from erbm_cms.publishing.roles import WORKFLOW, setup_roles
from erbm_cms.records.groups import EDITORS, REVIEWERS
from tests.helpers import post_new_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner_editor(django_user_model):
    out = StringIO()
    call_command("createpartneruser", "greffe@douaisis-agglo.example", "douaisis-agglo", "--password", "mot-de-passe-du-greffe", stdout=out)
    assert "Compte créé" in out.getvalue()
    return django_user_model.objects.get(username="greffe@douaisis-agglo.example")


@pytest.fixture
def reviewer(django_user_model):
    user = django_user_model.objects.create_user("validation", "validation@example.invalid", "mot-de-passe-de-test")
    user.groups.add(Group.objects.get(name=REVIEWERS))
    return user


def deliberation_form(**overrides):
    fields = {
        "title": "Adhésion au programme de rénovation des cités minières",
        "slug": "adhesion-renovation-cites",
        "deliberating_body": "conseil_communautaire", "session_date": "2019-05-20", "number": "2019-501",
        "actes_code": "8.5", "members_in_office": "", "members_present": "", "votes_for": "", "votes_against": "",
        "abstentions": "", "prefecture_date": "", "prefecture_id": "", "budget_year": "", "budget_name": "",
        "summary": rich_text(""), "annexes": inline_formset([]),
    }
    fields.update(overrides)
    return fields


def test_roles_are_created_once_whatever_the_number_of_runs():
    setup_roles()
    counts = (Group.objects.count(), Page.objects.count())
    setup_roles()
    call_command("setup_roles", stdout=StringIO())
    assert (Group.objects.count(), Page.objects.count()) == counts
    names = set(Group.objects.values_list("name", flat=True))
    assert {EDITORS, REVIEWERS, "Partenaire — Douaisis Agglo", "Partenaire — CALL", "Partenaire — État"} <= names
    assert len([name for name in names if name.startswith("Partenaire — ")]) == 12


def test_a_partner_editor_deposits_and_submits_and_cannot_publish(client, partner_editor):
    client.force_login(partner_editor)
    section = PartnerDeliberationsPage.objects.get(partner__slug="douaisis-agglo")
    fields = deliberation_form()
    fields.pop("action-publish", None)
    response = post_new_page(client, DeliberationPage, section, {**fields, "action-submit": "1"}, publish=False)
    assert response.status_code == 302, response.content[:500]
    page = DeliberationPage.objects.get(number="2019-501")
    assert not page.live and page.partner.slug == "douaisis-agglo"
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    assert state.workflow.name == WORKFLOW and state.status == "in_progress"
    # Publishing directly is refused.
    response = post_new_page(client, DeliberationPage, section, deliberation_form(number="2019-502", slug="autre"), publish=True)
    assert not DeliberationPage.objects.filter(number="2019-502", live=True).exists()


def test_a_partner_editor_cannot_add_in_another_partners_section(client, partner_editor):
    client.force_login(partner_editor)
    other = PartnerDeliberationsPage.objects.get(partner__slug="ca-lens-lievin")
    response = post_new_page(client, DeliberationPage, other, deliberation_form(), publish=False)
    assert response.status_code in (302, 403)
    assert not DeliberationPage.objects.filter(number="2019-501").exists()


def test_a_partner_editor_gets_403_on_another_partners_pages(client, partner_editor):
    client.force_login(partner_editor)
    other = DeliberationPage.objects.filter(partner__slug="ca-lens-lievin").first()
    other.save_revision()  # a draft revision to compare
    revision = other.revisions.order_by("-created_at").first()
    urls = [
        reverse("wagtailadmin_pages:edit", args=[other.pk]),
        reverse("wagtailadmin_pages:history", args=[other.pk]),
        reverse("wagtailadmin_pages:revisions_compare", args=[other.pk, "live", revision.pk]),
        reverse("wagtailadmin_pages:revisions_view", args=[other.pk, revision.pk]),
        reverse("wagtailadmin_pages:preview_on_edit", args=[other.pk]),
        reverse("wagtailadmin_pages:copy", args=[other.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 403, url
    own = DeliberationPage.objects.filter(partner__slug="douaisis-agglo").first()
    assert client.get(reverse("wagtailadmin_pages:edit", args=[own.pk])).status_code == 200


def test_the_reviewer_sees_the_submission_approves_it_and_it_is_published(client, partner_editor, reviewer):
    client.force_login(partner_editor)
    section = PartnerDeliberationsPage.objects.get(partner__slug="douaisis-agglo")
    post_new_page(client, DeliberationPage, section, {**deliberation_form(), "action-submit": "1"}, publish=False)
    page = DeliberationPage.objects.get(number="2019-501")
    client.force_login(reviewer)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Adhésion au programme de rénovation des cités minières" in dashboard
    state = page.current_workflow_state
    task_state = state.current_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {"comment": "Conforme, à publier."},
    )
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).content.decode()
    assert "Conforme, à publier." in history or "Approuvé" in history or "approuv" in history.lower()
    assert client.get("/api/recherche/", {"q": "adhésion rénovation cités"}).json()["total"] >= 1


def test_the_reviewer_can_request_changes(client, partner_editor, reviewer):
    client.force_login(partner_editor)
    section = PartnerDeliberationsPage.objects.get(partner__slug="douaisis-agglo")
    post_new_page(client, DeliberationPage, section, {**deliberation_form(), "action-submit": "1"}, publish=False)
    page = DeliberationPage.objects.get(number="2019-501")
    client.force_login(reviewer)
    task_state = page.current_workflow_state.current_task_state
    client.post(reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk]),
                {"comment": "Joindre l'acte signé."})
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_state.status == "needs_changes"


def test_scheduled_publication_and_expiry_run_by_publish_scheduled(client):
    from django.utils import timezone

    from tests.search import records

    page = records.deliberation("Chevalement programmé", live=False)
    page.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1))
    page.refresh_from_db()
    call_command("publish_scheduled", stdout=StringIO())
    page.refresh_from_db()
    assert page.live
    assert client.get("/api/recherche/", {"q": "chevalement"}).json()["total"] == 1
    page.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    page.save()
    call_command("publish_scheduled", stdout=StringIO())
    page.refresh_from_db()
    assert not page.live and page.expired
    assert client.get("/api/recherche/", {"q": "chevalement"}).json()["total"] == 0


def test_a_partner_editor_uploads_acts_into_its_own_collection_only(client, partner_editor):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.models import Collection

    from erbm_cms.documents.models import ArchiveDocument
    from tests.documents import pdf_fixtures

    client.force_login(partner_editor)
    page = client.get(reverse("wagtaildocs:add"))
    assert page.status_code == 200
    own = Collection.objects.get(name="Documents — Douaisis Agglo")
    # With a single collection allowed, Wagtail does not even ask which one.
    assert "collection" not in page.context["form"].fields
    response = client.post(reverse("wagtaildocs:add"), {
        "title": "Acte signé", "tags": "",
        "file": SimpleUploadedFile("acte.pdf", pdf_fixtures.text_pdf(), content_type="application/pdf"),
    })
    assert response.status_code == 302
    assert ArchiveDocument.objects.get(title="Acte signé").collection == own

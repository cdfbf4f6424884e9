"""A clerk's checks on a deliberation: each bad value gets its message in the admin form."""

import datetime

import pytest
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, rich_text

from erbm_cms.deliberations import actes
from erbm_cms.deliberations.models import DeliberationPage, PartnerDeliberationsPage
from tests.helpers import form_errors, post_new_page

pytestmark = pytest.mark.django_db


def valid_fields(**overrides):
    fields = {
        "title": "Programme de réhabilitation des cités minières",
        "slug": "programme-rehabilitation",
        "deliberating_body": "conseil_communautaire",
        "session_date": "2018-06-25",
        "number": "2018-501",
        "actes_code": "8.5",
        "members_in_office": "100", "members_present": "90",
        "votes_for": "80", "votes_against": "5", "abstentions": "5",
        "prefecture_date": "", "prefecture_id": "",
        "summary": rich_text(""),
        "annexes": inline_formset([]),
        "budget_year": "", "budget_name": "",
    }
    fields.update(overrides)
    return fields


@pytest.fixture
def section():
    return PartnerDeliberationsPage.objects.get(partner__slug="ca-lens-lievin")


def submit(client, section, **overrides):
    return post_new_page(client, DeliberationPage, section, valid_fields(**overrides))


def test_valid_deliberation_is_accepted(editor_client, section):
    response = submit(editor_client, section)
    assert response.status_code == 302
    assert DeliberationPage.objects.filter(partner=section.partner, number="2018-501").exists()


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"votes_for": "85"}, "votes_for", "Pour, contre et abstentions totalisent 95 voix, plus que les 90 membres présents"),
        ({"members_present": "120", "votes_for": "80"}, "members_present", "120 membres présents ou représentés : c'est plus que les 100 membres en exercice"),
        ({"abstentions": ""}, "abstentions", "Renseignez tous les nombres du vote"),
        ({"actes_code": "8.12"}, "actes_code", "« 8.12 » n'est pas un code de la nomenclature ACTES"),
        ({"actes_code": "10"}, "actes_code", "« 10 » n'est pas un code de la nomenclature ACTES"),
        ({"actes_code": "huit"}, "actes_code", "n'est pas un code de la nomenclature ACTES"),
        ({"session_date": (timezone.localdate() + datetime.timedelta(days=1)).isoformat()}, "session_date",
         "La date de la séance ne peut pas être dans le futur."),
        ({"prefecture_date": "2018-06-01"}, "prefecture_date", "La transmission en préfecture ne peut pas précéder la séance."),
        ({"votes_for": "-3"}, "votes_for", "supérieure ou égale à 0"),
        ({"session_date": "31/02/2018"}, "session_date", "Saisissez une date valide."),
    ],
)
def test_bad_values_are_refused_with_a_clear_message(editor_client, section, overrides, field, message):
    response = submit(editor_client, section, **overrides)
    assert response.status_code == 200  # the form again, never a server error
    errors = form_errors(response)
    assert any(message in text for text in errors.get(field, [])), errors
    assert not DeliberationPage.objects.filter(number="2018-501").exists()


def test_number_is_unique_per_partner(editor_client, section):
    existing = DeliberationPage.objects.filter(partner=section.partner).first()
    response = submit(editor_client, section, number=existing.number, slug="doublon")
    assert response.status_code == 200
    assert form_errors(response)["number"] == [
        f"Le numéro « {existing.number} » est déjà utilisé par une autre délibération de ce partenaire (CALL)."
    ]


def test_the_same_number_is_fine_for_another_partner(editor_client, section):
    other = DeliberationPage.objects.exclude(partner=section.partner).first()
    response = submit(editor_client, section, number=other.number)
    assert response.status_code == 302


def test_editing_a_deliberation_keeps_its_own_number(editor_client, section):
    deliberation = DeliberationPage.objects.filter(partner=section.partner).first()
    deliberation.title = "Objet corrigé"
    deliberation.full_clean()  # its own number is not a duplicate of itself


def test_votes_may_be_left_empty_for_a_decision_without_vote(editor_client, section):
    response = submit(editor_client, section, members_in_office="", members_present="", votes_for="",
                      votes_against="", abstentions="")
    assert response.status_code == 302


@pytest.mark.parametrize("code", ["1", "9", "1.1", "7.10", "8.5", "8.5.1", "9.4.2.1"])
def test_nomenclature_accepts_levels_one_to_nine_and_their_sub_codes(code):
    assert actes.is_valid_code(code)


@pytest.mark.parametrize("code", ["", "0", "10", "1.8", "9.5", "8.5.", ".5", "8,5", "8.5.1.2.3.4"])
def test_nomenclature_refuses_unknown_codes(code):
    assert not actes.is_valid_code(code)


def test_nomenclature_names_come_from_the_shipped_reference():
    assert len(actes.subjects()) == 57
    assert actes.lookup("8.5.1").level2_name == "Politique de la ville-habitat-logement"
    assert actes.lookup("7.5").scdl_name == "Finances locales/Subventions"
    assert actes.describe("8") == "8 – Domaines de compétences par thèmes"

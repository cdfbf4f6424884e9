import pytest
from django.core.exceptions import ValidationError

from erbm_cms.partners.models import Partner, validate_siren, validate_siret
from erbm_cms.partners.reference import read_partner_records


def test_reference_table_lists_the_twelve_signatories():
    records = read_partner_records()
    assert len(records) == 12
    assert {record.kind for record in records} == {"etat", "region", "departement", "agglomeration", "communes"}


@pytest.mark.parametrize("value", ["200053742", "200044618"])
def test_real_sirens_pass(value):
    validate_siren(value)


@pytest.mark.parametrize("value, message", [
    ("20005374", "exactement 9 chiffres"),
    ("200053743", "clé de contrôle incorrecte"),
    ("2000537AB", "exactement 9 chiffres"),
])
def test_bad_sirens_are_refused(value, message):
    with pytest.raises(ValidationError, match=message):
        validate_siren(value)


def test_bad_siret_is_refused():
    with pytest.raises(ValidationError, match="clé de contrôle incorrecte"):
        validate_siret("20005374200018")


@pytest.mark.django_db
def test_siret_must_extend_the_siren():
    partner = Partner(name="Essai", short_name="Essai", kind="communes", siren="200053742", siret="20004461800011")
    with pytest.raises(ValidationError) as error:
        partner.full_clean()
    assert "Le SIRET doit commencer par le SIREN du partenaire." in error.value.message_dict["siret"]

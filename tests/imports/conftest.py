import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from erbm_cms.publishing.roles import EDITORS


def clerk(email, partner_slug):
    call_command("createpartneruser", email, partner_slug, "--password", "mot-de-passe-greffe", stdout=io.StringIO())
    return get_user_model().objects.get(username=email)


@pytest.fixture
def douaisis_clerk(db):
    return clerk("greffe@douaisis.example", "douaisis-agglo")


@pytest.fixture
def lens_clerk(db):
    return clerk("greffe@lens-lievin.example", "ca-lens-lievin")


@pytest.fixture
def delegation(db):
    user = get_user_model().objects.create_user("delegation", password="mot-de-passe-delegation")
    user.groups.add(Group.objects.get(name=EDITORS))
    return user

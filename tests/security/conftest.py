import pytest
from django.db import transaction
from django.test import Client

from .planting import partner_user, plant, reviewer_user


@pytest.fixture(scope="module")
def planted_once(django_db_setup, django_db_blocker):
    """The planted records, made once per module inside a transaction rolled back at its end.

    Each test runs in its own savepoint within it, as usual, so what a test changes is undone.
    """
    with django_db_blocker.unblock():
        with transaction.atomic():
            yield plant()
            transaction.set_rollback(True)


@pytest.fixture
def planted(planted_once, db):
    return planted_once


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def editor_a(planted, django_user_model):
    return partner_user(django_user_model, planted.partner_a, "greffe-a")


@pytest.fixture
def editor_b(planted, django_user_model):
    return partner_user(django_user_model, planted.partner_b, "greffe-b")


@pytest.fixture
def reviewer(planted, django_user_model):
    return reviewer_user(django_user_model)


@pytest.fixture
def anonymous():
    return _client()


@pytest.fixture
def client_a(editor_a):
    return _client(editor_a)


@pytest.fixture
def client_b(editor_b):
    return _client(editor_b)


@pytest.fixture
def client_reviewer(reviewer):
    return _client(reviewer)

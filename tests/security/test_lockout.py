"""Sign-in lockout counts failures per address as well as per user name; the production checks stay clean."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 5
PASSWORD = "mot-de-passe-de-test"


@pytest.fixture
def users(db):
    model = get_user_model()
    return [model.objects.create_superuser(f"agent{n}", f"agent{n}@example.invalid", PASSWORD) for n in range(3)]


def sign_in(username, password, address, forwarded=None):
    extra = {"REMOTE_ADDR": address}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return Client().post("/admin/login/", {"username": username, "password": password}, **extra)


def test_one_address_trying_many_user_names_is_locked(users):
    for n in range(LIMIT - 1):
        assert sign_in(f"inconnu{n}", "mauvais", "203.0.113.7").status_code == 200
    assert sign_in("encore-un-autre", "mauvais", "203.0.113.7").status_code == 429
    # Even a real user's right password is refused from that address now, with the French page.
    locked = sign_in("agent0", PASSWORD, "203.0.113.7")
    assert locked.status_code == 429 and "Connexion temporairement bloquée" in locked.content.decode()
    # Another address is not concerned.
    assert sign_in("agent0", PASSWORD, "198.51.100.20").status_code == 302


def test_one_user_name_tried_from_many_addresses_is_locked(users):
    for n in range(LIMIT):
        sign_in("agent1", "mauvais", f"192.0.2.{n + 1}")
    assert sign_in("agent1", PASSWORD, "192.0.2.200").status_code == 429
    assert sign_in("agent2", PASSWORD, "192.0.2.200").status_code == 302


def test_a_forged_forwarded_for_header_does_not_reset_the_count(users):
    for n in range(LIMIT):
        sign_in(f"inconnu{n}", "mauvais", "203.0.113.9", forwarded=f"10.0.0.{n}")
    assert sign_in("agent0", PASSWORD, "203.0.113.9", forwarded="10.9.9.9").status_code == 429


def test_mixed_case_or_spaced_user_names_count_as_the_same_address(users):
    names = ["Agent0", "AGENT0", " agent0", "agent0 ", "aGent0"]
    for name in names:
        sign_in(name, "mauvais", "203.0.113.44")
    assert sign_in("agent0", PASSWORD, "203.0.113.44").status_code == 429


@pytest.mark.parametrize("proxies", ["0", "1"])
def test_the_production_profile_still_passes_check_deploy(proxies):
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="erbm_cms.settings.production", TRUSTED_PROXY_COUNT=proxies,
               SECRET_KEY="x" * 20 + "une-vraie-cle-secrete-de-production-tres-longue-0123456789",
               ALLOWED_HOSTS="renouveau-bassin-minier.gouv.fr")
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0 and "no issues" in result.stdout, result.stdout + result.stderr

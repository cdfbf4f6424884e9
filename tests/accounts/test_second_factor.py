"""Signing in to the admin with a password and a second factor (authenticator app or recovery code)."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from erbm_cms.records.groups import EDITORS
from tests.helpers import visible_text

pytestmark = pytest.mark.django_db
PASSWORD = "mot-de-passe-de-test-2fa"


def current_code(device, ahead=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + ahead * device.step
    return f"{totp.token():06d}"


def password_sign_in(username):
    client = Client()
    response = client.post("/admin/login/", {"username": username, "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 302, "the password was refused"
    return client


@pytest.fixture
def delegation_editor(db):
    user = get_user_model().objects.create_user("redactrice", "redactrice@example.invalid", PASSWORD)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def partner_clerk(db):
    call_command("createpartneruser", "greffe@osartis.example", "cc-osartis-marquion", "--password", PASSWORD, stdout=io.StringIO())
    return get_user_model().objects.get(email="greffe@osartis.example")


def enrol(client):
    """Go through the enrolment page as a person with an authenticator app; returns (device, recovery codes)."""
    page = client.get("/admin/double-authentification/activer/?next=/admin/pages/")
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=page.wsgi_request.user, confirmed=False)
    secret = re.search(r'id="cle-secrete">([A-Z2-7 ]+)<', page.content.decode()).group(1)
    assert secret.replace(" ", "") in page.content.decode().replace(" ", "") and len(secret.replace(" ", "")) == 32
    response = client.post("/admin/double-authentification/activer/", {"code": current_code(device), "next": "/admin/pages/"})
    assert response.status_code == 302 and "/admin/double-authentification/codes-de-secours/" in response["Location"]
    codes_page = client.get(response["Location"])
    codes = re.findall(r"<li>([a-z2-7]{8})</li>", codes_page.content.decode())
    assert len(codes) == 10
    assert "ils ne seront plus affichés" in visible_text(codes_page)
    assert client.get("/admin/double-authentification/codes-de-secours/").status_code == 302  # shown once
    device.refresh_from_db()
    return device, codes


def test_the_sign_in_form_speaks_french():
    text = visible_text(Client().get("/admin/login/"))
    for words in ["Connexion à l'espace de gestion", "Mot de passe", "double authentification"]:
        assert words in text, words


def test_a_superuser_with_a_password_only_must_enrol_before_reaching_the_admin(editor):
    editor.set_password(PASSWORD)
    editor.save()
    client = password_sign_in(editor.username)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/double-authentification/activer/?next=")
    assert client.get("/admin/api/main/pages/").status_code == 302
    assert client.get("/admin/sprite/").status_code == 200  # the code pages' icons
    text = visible_text(client.get("/admin/double-authentification/activer/"))
    assert "obligatoire" in text and "FreeOTP" in text and "codes de secours" in text

    device, _ = enrol(client)
    assert device.confirmed
    assert client.get("/admin/pages/").status_code == 200


def test_a_password_only_session_is_signed_out_on_the_public_site(delegation_editor):
    client = password_sign_in(delegation_editor.username)
    assert "Se connecter" in visible_text(client.get("/"))
    assert client.get("/").wsgi_request.user.is_anonymous


def test_sign_in_with_the_app_code_after_the_password(delegation_editor):
    device, _ = enrol(password_sign_in(delegation_editor.username))

    client = password_sign_in(delegation_editor.username)
    response = client.get("/admin/")
    assert response["Location"].startswith("/admin/double-authentification/verifier/")
    text = visible_text(client.get(response["Location"]))
    assert "Confirmez votre connexion" in text and "codes de secours" in text

    wrong = client.post("/admin/double-authentification/verifier/", {"code": "000000", "next": "/admin/"})
    assert wrong.status_code == 200 and "Code incorrect ou expiré" in visible_text(wrong)
    assert client.get("/admin/").status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=timezone.now(), throttling_failure_count=8)
    again = client.post("/admin/double-authentification/verifier/", {"code": current_code(device, ahead=1), "next": "/admin/"})
    assert "Trop d'essais" in visible_text(again)  # after 8 failures, codes wait 2**7 seconds, even a right one
    assert client.get("/admin/").status_code == 302

    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None, throttling_failure_count=0)
    ok = client.post("/admin/double-authentification/verifier/", {"code": current_code(device, ahead=1), "next": "/admin/pages/"})
    assert ok.status_code == 302 and ok["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200
    assert "Espace de gestion" in visible_text(client.get("/"))

    replay = password_sign_in(delegation_editor.username)
    refused = replay.post("/admin/double-authentification/verifier/", {"code": current_code(device, ahead=1)})
    assert "Code incorrect ou expiré" in visible_text(refused)  # a code works once


def test_a_recovery_code_works_once(delegation_editor):
    _, codes = enrol(password_sign_in(delegation_editor.username))
    client = password_sign_in(delegation_editor.username)
    response = client.post("/admin/double-authentification/verifier/", {"code": codes[0].upper(), "next": "/admin/"}, follow=True)
    assert response.status_code == 200 and "il vous en reste 9" in visible_text(response)

    other = password_sign_in(delegation_editor.username)
    reused = other.post("/admin/double-authentification/verifier/", {"code": codes[0]})
    assert "Code incorrect ou expiré" in visible_text(reused)


def test_an_unverified_session_cannot_replace_the_app(delegation_editor):
    enrol(password_sign_in(delegation_editor.username))
    client = password_sign_in(delegation_editor.username)
    response = client.get("/admin/double-authentification/activer/")
    assert response["Location"].startswith("/admin/double-authentification/verifier/")
    assert client.post("/admin/double-authentification/codes-de-secours/nouveaux/").status_code == 302
    assert TOTPDevice.objects.filter(user=delegation_editor, confirmed=False).count() == 0


def test_a_partner_clerk_is_offered_the_second_factor_and_may_take_it(partner_clerk):
    client = password_sign_in(partner_clerk.username)
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert "Protégez votre compte" in visible_text(dashboard)

    enrol(client)
    assert "Protégez votre compte" not in visible_text(client.get("/admin/"))
    assert password_sign_in(partner_clerk.username).get("/admin/").status_code == 302  # now the code is asked

    manage = visible_text(client.get("/admin/double-authentification/"))
    assert "Codes de secours non utilisés : 10" in manage and "Désactiver" in manage
    client.post("/admin/double-authentification/desactiver/")
    assert password_sign_in(partner_clerk.username).get("/admin/").status_code == 200


def test_the_delegation_cannot_switch_the_second_factor_off(delegation_editor):
    client = password_sign_in(delegation_editor.username)
    enrol(client)
    assert "Désactiver" not in visible_text(client.get("/admin/double-authentification/"))
    client.post("/admin/double-authentification/desactiver/")
    assert TOTPDevice.objects.filter(user=delegation_editor, confirmed=True).exists()


def test_ensure_admin_says_how_to_enrol(monkeypatch, tmp_path):
    monkeypatch.setenv("ADMIN_PASSWORD", PASSWORD)
    out = io.StringIO()
    call_command("ensure_admin", "--url", "http://127.0.0.1:8000/admin/", stdout=out)
    assert "double authentification : obligatoire" in out.getvalue()
    assert "http://127.0.0.1:8000/admin/double-authentification/activer/" in out.getvalue()

    client = password_sign_in("admin")
    enrol(client)
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    assert "reset_second_factor admin" in out.getvalue()
    call_command("reset_second_factor", "admin", stdout=io.StringIO())
    assert password_sign_in("admin").get("/admin/")["Location"].startswith("/admin/double-authentification/activer/")


def test_a_right_code_just_after_a_wrong_one_at_enrolment_is_told_to_wait_not_blamed_on_the_clock(partner_clerk):
    client = password_sign_in(partner_clerk.username)
    client.get("/admin/double-authentification/activer/")
    device = TOTPDevice.objects.get(user=partner_clerk, confirmed=False)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    first = visible_text(client.post("/admin/double-authentification/activer/", {"code": wrong}))
    assert "vérifiez l'heure du téléphone" in first
    second = visible_text(client.post("/admin/double-authentification/activer/", {"code": current_code(device)}))
    assert "patientez quelques secondes" in second and "vérifiez l'heure" not in second

"""Security headers, sign-in throttling and upload limits."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_public_pages_carry_the_security_headers(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]


def test_pages_use_no_inline_script_or_style_that_the_policy_would_block(client):
    for url in ["/", "/actualites/", "/engagement/", "/deliberations/", "/recherche/?q=logement"]:
        html = client.get(url).content.decode()
        assert "<script>" not in html and " style=" not in html and "<style" not in html, url
        assert "onclick=" not in html, url


def test_repeated_failed_sign_ins_are_locked_out(editor):
    client = Client()
    for _ in range(4):
        response = client.post("/admin/login/", {"username": "redaction", "password": "mauvais"})
        assert response.status_code == 200
    assert client.post("/admin/login/", {"username": "redaction", "password": "mauvais"}).status_code == 429
    locked = client.post("/admin/login/", {"username": "redaction", "password": "mot-de-passe-de-test"})
    assert locked.status_code == 429
    assert "Connexion temporairement bloquée" in locked.content.decode()


def test_a_correct_sign_in_works(editor):
    response = Client().post("/admin/login/", {"username": "redaction", "password": "mot-de-passe-de-test"})
    assert response.status_code == 302

"""Signed one-click unsubscribe links: the token names one alert and cannot be forged or reused for another."""

from django.core import signing
from django.urls import reverse

SALT = "erbm.alerts.unsubscribe"


def token(saved):
    return signing.dumps({"alert": saved.pk, "user": saved.user_id}, salt=SALT, compress=True)


def url(saved, request=None, base=""):
    path = reverse("alert_unsubscribe", args=[token(saved)])
    return request.build_absolute_uri(path) if request is not None else base.rstrip("/") + path


def read(value):
    """{"alert": id, "user": id} of a token, or None when it was tampered with."""
    try:
        return signing.loads(value, salt=SALT)
    except signing.BadSignature:
        return None

"""The second factors: an authenticator app (TOTP) and single-use recovery codes."""

from base64 import b32encode
from urllib.parse import quote, urlencode

import qrcode
import qrcode.image.svg
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

ISSUER = "Renouveau du bassin minier"
AUTHENTICATOR_NAME = "Application d'authentification"
RECOVERY_NAME = "Codes de secours"
RECOVERY_CODE_COUNT = 10


def pending_authenticator(user):
    """The unconfirmed authenticator being enrolled (one per user; its secret is kept until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def provisioning_uri(device):
    """The otpauth:// address the authenticator apps read from the QR code, with the site as issuer."""
    label = quote(f"{ISSUER}:{device.user.get_username()}")
    query = urlencode({
        "secret": b32encode(device.bin_key).decode(), "issuer": ISSUER, "digits": device.digits, "period": device.step,
    })
    return f"otpauth://totp/{label}?{query}"


def secret_for_manual_entry(device):
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def qr_svg(data):
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return image.to_string(encoding="unicode")


@transaction.atomic
def confirm_authenticator(device, token):
    """Check a first code from the new app; on success it replaces any previous app."""
    if not device.verify_token(token):
        return False
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


@transaction.atomic
def new_recovery_codes(user):
    """Replace the user's recovery codes with fresh ones; returned in clear once, never shown again."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def verify_code(user, code):
    """The device that accepts this code (a six-digit app code or a recovery code), else None.

    Each device counts its failures and refuses codes for a growing delay after repeated ones.
    """
    code = "".join(code.split()).lower()
    if not code:
        return None
    if code.isdigit():
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    else:
        devices = StaticDevice.objects.filter(user=user, confirmed=True)
    for device in devices:
        if device.verify_token(code):
            return device
    return None


def throttled(user):
    """True while a device of the user refuses codes after repeated failures."""
    for model in (TOTPDevice, StaticDevice):
        for device in model.objects.filter(user=user, confirmed=True):
            allowed, _ = device.verify_is_allowed()
            if not allowed:
                return True
    return False


def remove_second_factor(user):
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()

"""Second-factor pages of the admin: enrol an authenticator app, give a code, keep recovery codes."""

from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import devices
from .forms import CodeForm, EnrolForm
from .policy import has_second_factor, second_factor_required

RECOVERY_CODES_SESSION_KEY = "accounts:recovery-codes"


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def _step(name, request):
    return f"{reverse(name)}?{urlencode({'next': _next_url(request)})}"


def verify(request):
    """The code step after the password, for a user who has a second factor."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    if not has_second_factor(user):
        return redirect(_step("accounts_enrol", request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if devices.throttled(user):
            form.add_error("code", "Trop d'essais incorrects : patientez quelques secondes avant de réessayer.")
            return render(request, "accounts/verify.html", {"form": form, "next": _next_url(request)})
        device = devices.verify_code(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                messages.warning(
                    request,
                    f"Code de secours utilisé : il vous en reste {devices.recovery_codes_left(user)}. "
                    "Pensez à en générer de nouveaux depuis la page « Double authentification ».",
                )
            return redirect(_next_url(request))
        form.add_error("code", "Code incorrect ou expiré. Saisissez le code affiché en ce moment par l'application, ou un code de secours.")
    return render(request, "accounts/verify.html", {"form": form, "next": _next_url(request)})


def enrol(request):
    """Set up (or replace) the authenticator app: QR code, secret, first code; then recovery codes."""
    user = request.user
    if has_second_factor(user) and not user.is_verified():
        return redirect(_step("accounts_verify", request))
    device = devices.pending_authenticator(user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not device.verify_is_allowed()[0]:
            form.add_error("code", "Trop d'essais incorrects : patientez quelques secondes avant de réessayer.")
        elif devices.confirm_authenticator(device, form.cleaned_data["code"]):
            otp_login(request, device)
            request.session[RECOVERY_CODES_SESSION_KEY] = devices.new_recovery_codes(user)
            return redirect(_step("accounts_recovery_codes", request))
        else:
            form.add_error("code", "Ce code ne correspond pas : vérifiez l'heure du téléphone et saisissez le code affiché en ce moment.")
    return render(request, "accounts/enrol.html", {
        "form": form,
        "next": _next_url(request),
        "qr_svg": devices.qr_svg(devices.provisioning_uri(device)),
        "secret": devices.secret_for_manual_entry(device),
        "required": second_factor_required(user),
        "replacing": has_second_factor(user),
    })


def recovery_codes(request):
    """The recovery codes, shown once right after they are made."""
    codes = request.session.pop(RECOVERY_CODES_SESSION_KEY, None)
    if not codes:
        return redirect("accounts_manage")
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next_url(request)})


def manage(request):
    user = request.user
    if has_second_factor(user) and not user.is_verified():
        return redirect(_step("accounts_verify", request))
    authenticator = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return render(request, "accounts/manage.html", {
        "authenticator": authenticator,
        "codes_left": devices.recovery_codes_left(user),
        "required": second_factor_required(user),
    })


@require_POST
def regenerate_codes(request):
    if not request.user.is_verified():
        return redirect("accounts_verify")
    request.session[RECOVERY_CODES_SESSION_KEY] = devices.new_recovery_codes(request.user)
    return redirect("accounts_recovery_codes")


@require_POST
def disable(request):
    user = request.user
    if second_factor_required(user):
        messages.error(request, "La double authentification est obligatoire pour les comptes de la délégation.")
    elif user.is_verified() or not has_second_factor(user):
        devices.remove_second_factor(user)
        messages.success(request, "Double authentification désactivée pour votre compte.")
    return redirect("accounts_manage")

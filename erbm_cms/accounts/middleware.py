"""Hold a password-only session at the second-factor step.

After the password, a user who has a second factor, or must have one, is sent
to the code page (or to the enrolment page the first time) for anything in the
admin; on the public site, search and API the session counts as signed out, so
records reserved to partners stay out of reach until the code is given.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse

from .policy import has_second_factor, second_factor_pending

# The code pages themselves and what they load: translations and the icon sprite.
OPEN_ADMIN_PATHS = (
    "/admin/login/", "/admin/logout/", "/admin/jsi18n/", "/admin/sprite", "/admin/double-authentification/",
)


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)  # no session: nobody signed in, and no session read
        user = request.user
        if user.is_authenticated and second_factor_pending(user):
            if not request.path.startswith("/admin/"):
                request.user = AnonymousUser()
            elif not request.path.startswith(OPEN_ADMIN_PATHS):
                step = "accounts_verify" if has_second_factor(user) else "accounts_enrol"
                return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

from django.urls import include, path, reverse
from laces.components import Component
from wagtail import hooks

from . import urls
from .policy import has_second_factor


@hooks.register("register_admin_urls")
def register_second_factor_urls():
    return [path("double-authentification/", include(urls))]


@hooks.register("register_account_menu_item")
def second_factor_menu_item(request):
    return {
        "url": reverse("accounts_manage"),
        "label": "Double authentification",
        "help_text": "Application d'authentification et codes de secours.",
    }


class SecondFactorOfferPanel(Component):
    """On the dashboard of an account without a second factor (partner clerks may choose)."""

    name = "double_authentification"
    order = 50
    template_name = "accounts/offer_panel.html"


@hooks.register("construct_homepage_panels")
def offer_second_factor(request, panels):
    if not has_second_factor(request.user):
        panels.insert(0, SecondFactorOfferPanel())

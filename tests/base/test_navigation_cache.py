"""The menus and footer links kept for anonymous visitors follow every change and never show them
what is reserved to others."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import Page, PageViewRestriction

from erbm_cms.base import page_cache
from erbm_cms.base.models import ContentPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def navigation_cache(settings):
    settings.NAVIGATION_CACHE_SECONDS = 60
    page_cache._remembered.clear()
    yield
    page_cache._remembered.clear()


def text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def menu(client, url="/actualites/"):
    return text(client.get(url).content.decode().split('id="navigation-principale"')[1].split("</nav>")[0])


def footer(client, url="/actualites/"):
    return text(client.get(url).content.decode().split('id="pied-de-page"')[1].split("</footer>")[0])


def test_a_page_published_in_the_menu_or_the_footer_appears_at_once():
    home = Page.objects.get(depth=2)
    assert "Nos engagements" not in menu_of_anyone()
    page = ContentPage(title="Nos engagements", slug="nos-engagements", show_in_menus=True)
    home.add_child(instance=page)
    page.save_revision().publish()
    assert "Nos engagements" in menu_of_anyone()
    page.title = "Nos engagements tenus"
    page.save_revision().publish()
    assert "Nos engagements tenus" in menu_of_anyone()
    page.unpublish()
    assert "Nos engagements" not in menu_of_anyone()

    legal = ContentPage.objects.get(slug="mentions-legales")
    assert "Mentions légales" in footer_of_anyone()
    legal.unpublish()
    assert "Mentions légales" not in footer_of_anyone()


def menu_of_anyone():
    return menu(Client())


def footer_of_anyone():
    return footer(Client())


def test_a_menu_entry_reserved_to_a_group_is_never_shown_to_anonymous_visitors(client, django_user_model):
    home = Page.objects.get(depth=2)
    reserved = ContentPage(title="Espace des partenaires", slug="espace-partenaires", show_in_menus=True)
    home.add_child(instance=reserved)
    reserved.save_revision().publish()
    assert "Espace des partenaires" in menu(client)  # kept for anonymous visitors while public

    group = Group.objects.create(name="Partenaire — menu")
    restriction = PageViewRestriction.objects.create(page=reserved, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(group)
    assert "Espace des partenaires" not in menu(client)

    member = django_user_model.objects.create_user("membre-menu", password="mot-de-passe-de-test")
    member.groups.add(group)
    client.force_login(member)
    assert "Espace des partenaires" in menu(client)
    client.logout()
    assert "Espace des partenaires" not in menu(client)  # what the member saw was not kept for others
    assert "Espace des partenaires" not in menu_of_anyone()

from wagtail.models import Site

from erbm_cms.records.visibility import visible_pages

from . import page_cache
from .models import ContentPage


def site_navigation(request):
    """Main menu (children of the home page shown in menus) and footer links."""
    site = Site.find_for_request(request)
    if site is None:
        return {"main_menu": [], "footer_pages": [], "home_page": None}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return page_cache.remember(request, f"navigation:{site.pk}", lambda: navigation(site, None))
    return navigation(site, user)


def navigation(site, user):
    home = site.root_page
    return {
        "home_page": home,
        "main_menu": list(visible_pages(user, home.get_children().in_menu())),
        "footer_pages": list(visible_pages(user, ContentPage.objects.filter(footer_link=True)).order_by("title")),
    }

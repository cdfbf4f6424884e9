from wagtail.models import Site

from erbm_cms.records.visibility import visible_pages

from .models import ContentPage


def site_navigation(request):
    """Main menu (children of the home page shown in menus) and footer links."""
    site = Site.find_for_request(request)
    if site is None:
        return {"main_menu": [], "footer_pages": [], "home_page": None}
    home = site.root_page
    return {
        "home_page": home,
        "main_menu": visible_pages(getattr(request, "user", None), home.get_children().in_menu()),
        "footer_pages": visible_pages(getattr(request, "user", None), ContentPage.objects.filter(footer_link=True)).order_by("title"),
    }

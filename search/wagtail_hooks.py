from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "list-ul"
    menu_label = "Synonymes et sigles"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["term", "expansions", "source"]
    search_fields = ["term", "expansions"]


register_snippet(SynonymViewSet)


@hooks.register("register_admin_urls")
def register_queries_report_url():
    return [path("recherches-du-public/", admin_views.queries_report, name="search_queries_report")]


class QueriesReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("search.view_querystat")


@hooks.register("register_reports_menu_item")
def queries_report_menu_item():
    return QueriesReportMenuItem("Recherches du public", reverse("search_queries_report"), icon_name="search", order=700)

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views
from .jobs import importable_partners


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("imports/", views.index, name="deliberation_imports"),
        path("imports/nouveau/", views.new, name="deliberation_import_new"),
        path("imports/<int:pk>/", views.detail, name="deliberation_import"),
        path("imports/<int:pk>/lancer/", views.launch, name="deliberation_import_launch"),
        path("imports/<int:pk>/reprendre/", views.resume, name="deliberation_import_resume"),
        path("imports/<int:pk>/abandonner/", views.abandon, name="deliberation_import_abandon"),
        path("imports/<int:pk>/rapport.csv", views.report, name="deliberation_import_report"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return importable_partners(request.user).exists()


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return ImportMenuItem("Importer des délibérations", reverse("deliberation_imports"), icon_name="upload", order=260)

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Recherche dans l'archive"

    def ready(self):
        from . import signals  # noqa: F401

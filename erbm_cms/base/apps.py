from django.apps import AppConfig


class BaseConfig(AppConfig):
    name = "erbm_cms.base"
    label = "base"
    verbose_name = "Socle du site"

    def ready(self):
        from . import page_cache  # noqa: F401 - connects the cache invalidation

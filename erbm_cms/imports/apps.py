from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "erbm_cms.imports"
    label = "imports"
    verbose_name = "Imports de délibérations"

    def ready(self):
        from . import checks  # noqa: F401

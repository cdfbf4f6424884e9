from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "erbm_cms.publishing"
    label = "publishing"
    verbose_name = "Publication"

    def ready(self):
        from . import signals  # noqa: F401

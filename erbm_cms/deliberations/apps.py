from django.apps import AppConfig


class DeliberationsConfig(AppConfig):
    name = "erbm_cms.deliberations"
    label = "deliberations"
    verbose_name = "Délibérations"

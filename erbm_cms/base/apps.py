from django.apps import AppConfig


class BaseConfig(AppConfig):
    name = "erbm_cms.base"
    label = "base"
    verbose_name = "Socle du site"

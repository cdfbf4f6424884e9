from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "erbm_cms.home"
    label = "home"
    verbose_name = "Accueil"

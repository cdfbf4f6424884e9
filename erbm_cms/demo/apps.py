from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "erbm_cms.demo"
    label = "demo"
    verbose_name = "Contenu de démonstration"

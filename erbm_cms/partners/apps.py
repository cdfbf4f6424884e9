from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "erbm_cms.partners"
    label = "partners"
    verbose_name = "Partenaires et axes"

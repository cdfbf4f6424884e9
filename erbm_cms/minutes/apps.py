from django.apps import AppConfig


class MinutesConfig(AppConfig):
    name = "erbm_cms.minutes"
    label = "minutes"
    verbose_name = "Comités de pilotage"

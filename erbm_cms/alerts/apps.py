from django.apps import AppConfig


class AlertsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "erbm_cms.alerts"
    verbose_name = "Suivre une recherche (flux et alertes)"

from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "erbm_cms.engagement"
    label = "engagement"
    verbose_name = "Engagement"

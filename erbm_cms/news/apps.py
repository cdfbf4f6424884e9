from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "erbm_cms.news"
    label = "news"
    verbose_name = "Actualités"

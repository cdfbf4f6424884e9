from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "erbm_cms.documents"
    label = "documents"
    verbose_name = "Documents d'archive"

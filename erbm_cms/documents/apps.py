from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "erbm_cms.documents"
    label = "documents"
    verbose_name = "Documents d'archive"

    def ready(self):
        from . import queueing  # noqa: F401 - connects the receivers that queue extraction and OCR

from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    # No table: the app gives the record contract (an abstract page model) its label.
    name = "erbm_cms.archive"
    label = "archive"
    verbose_name = "Enregistrements de l'archive"

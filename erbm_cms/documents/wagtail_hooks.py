from django.urls import path
from wagtail import hooks

from erbm_cms.records.choosing import choosable_documents

from . import admin_views
from .usage import may_download, refuse


@hooks.register("register_admin_urls")
def register_document_text_urls():
    return [
        path("archive-documents/<int:pk>/texte/", admin_views.DocumentTextView.as_view(), name="archive_document_text"),
        path("archive-documents/<int:pk>/reextraire/", admin_views.retry_extraction, name="archive_document_retry"),
        path("archive-documents/<int:pk>/ocr/", admin_views.rerun_ocr, name="archive_document_ocr"),
    ]


@hooks.register("construct_document_chooser_queryset")
def offer_only_attachable_documents(documents, request):
    return choosable_documents(request.user, documents)


@hooks.register("before_serve_document")
def guard_document(document, request):
    """Serve a PDF only to those who may see a published record that uses it."""
    if not may_download(document, request):
        return refuse(request)
    return None

"""The document library, with the state of each PDF's text: listing, page preview, retry."""

import django_filters
from django.conf import settings
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.documents.views import documents
from wagtail.permissions import policy_registry

from erbm_cms.records.choosing import choosable_documents

from .extraction import recognition
from .models import OCR_READABLE, ArchiveDocument, ExtractionStatus
from .tasks import extract_document_text, ocr_document_text

PAGES_PER_PREVIEW = 10


def text_url(document):
    return reverse("archive_document_text", args=[quote(document.pk)])


class ExtractionStatusFilterSet(documents.DocumentsFilterSet):
    extraction_status = django_filters.ChoiceFilter(
        label="Extraction du texte", choices=ExtractionStatus.choices, empty_label="Tous les états"
    )

    class Meta(documents.DocumentsFilterSet.Meta):
        fields = ["extraction_status"]


class DocumentIndexView(documents.IndexView):
    """Wagtail's document listing, plus the extraction status, page count and reason."""

    filterset_class = ExtractionStatusFilterSet

    @cached_property
    def columns(self):
        columns = list(super().columns)
        extraction_columns = [
            TitleColumn("status_label", label="Texte", get_url=text_url, sort_key="extraction_status"),
            Column("page_count", label="Pages", sort_key="page_count"),
            Column("extraction_reason", label="Motif"),
        ]
        return columns[:3] + extraction_columns + columns[3:]


def _editable_document(request, pk):
    document = get_object_or_404(ArchiveDocument, pk=pk)
    policy = policy_registry.get_by_type(ArchiveDocument)
    if not policy.user_has_permission_for_instance(request.user, "change", document):
        raise PermissionDenied
    return document


class DocumentTextView(TemplateView):
    template_name = "documents/admin/document_text.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = _editable_document(self.request, kwargs["pk"])
        paginator = Paginator(document.pages.all(), PAGES_PER_PREVIEW)
        context.update(
            document=document,
            pages=paginator.get_page(self.request.GET.get("p")),
            duplicate=choosable_documents(self.request.user).filter(pk=getattr(document.find_duplicate(), "pk", None)).first(),
            ocr_readable=document.extraction_status in OCR_READABLE,
            ocr_unavailable=recognition.unavailable_reason(),
            low_confidence=settings.OCR_LOW_CONFIDENCE,
            header_title=f"Texte extrait : {document.title}",
        )
        return context


@require_POST
def retry_extraction(request, pk):
    document = _editable_document(request, pk)
    ArchiveDocument.objects.filter(pk=document.pk).update(
        extraction_status=ExtractionStatus.PENDING, extraction_reason=""
    )
    extract_document_text.enqueue(document.pk)
    document.refresh_from_db()
    if document.extraction_status == ExtractionStatus.PENDING:
        messages.success(request, f"L'extraction du texte de « {document.title} » est relancée.")
    else:
        messages.success(
            request,
            f"Extraction du texte de « {document.title} » relancée : {document.get_extraction_status_display().lower()}"
            + (f" ({document.extraction_reason})" if document.extraction_reason else "") + ".",
        )
    return redirect(text_url(document))


@require_POST
def rerun_ocr(request, pk):
    """Read again by OCR every page of the document that has no text layer."""
    document = _editable_document(request, pk)
    unavailable = recognition.unavailable_reason()
    if document.extraction_status not in OCR_READABLE:
        messages.error(request, f"L'OCR ne peut pas lire « {document.title} » : {document.get_extraction_status_display().lower()}.")
    elif unavailable:
        messages.error(request, f"OCR indisponible : {unavailable}.")
    else:
        recognition.reset(document)
        ocr_document_text.enqueue(document.pk)
        document.refresh_from_db()
        if document.pages.awaiting_ocr().exists():
            messages.success(request, f"La lecture par OCR de « {document.title} » est relancée.")
        else:
            messages.success(
                request, f"Lecture par OCR de « {document.title} » relancée : {document.status_label.lower()}"
                + (f" ({document.extraction_reason})" if document.extraction_reason else "") + ".",
            )
    return redirect(text_url(document))

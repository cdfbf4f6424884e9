"""Records made for the search tests, with words that appear nowhere in the demo content."""

import datetime

from django.core.files.base import ContentFile
from wagtail.models import Page

from erbm_cms.deliberations.models import DeliberationPage, PartnerDeliberationsPage
from erbm_cms.demo.pdf import render_pdf
from erbm_cms.documents.models import ArchiveDocument
from erbm_cms.news.models import CommuniqueAttachment, CommuniquePage, NewsIndexPage
from erbm_cms.partners.models import Axis

_numbers = iter(range(1, 10_000))


def pdf(title, pages):
    """An archive document whose text is `pages` (one string per page), extracted."""
    sections = []
    for index, text in enumerate(pages):
        if index:
            sections.append(("\f", []))
        sections.append(("", [text]))
    document = ArchiveDocument(title=title)
    document.file.save(f"{title}.pdf", ContentFile(render_pdf(title, sections)), save=False)
    document.save()
    document.refresh_from_db()
    assert document.extraction_status == "ok", document.extraction_reason
    return document


def deliberation(title, *, partner="douaisis-agglo", summary="", date=datetime.date(2019, 5, 1),
                 pdf_pages=None, act=None, axes=(), live=True):
    """A deliberation; its act is `act` (an ArchiveDocument), or a PDF of `pdf_pages`."""
    section = PartnerDeliberationsPage.objects.get(partner__slug=partner)
    page = DeliberationPage(
        title=title, partner=section.partner, deliberating_body="conseil_communautaire", session_date=date,
        number=f"TEST-{next(_numbers)}", actes_code="8.5", summary=f"<p>{summary}</p>" if summary else "",
        act_document=act or (pdf(f"Acte {title[:40]}", pdf_pages) if pdf_pages else None), live=live,
    )
    page.axes = list(Axis.objects.filter(number__in=axes))
    section.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


def communique(title, *, lead="Communiqué d'essai.", body="", date=datetime.date(2020, 1, 15), pdf_pages=None, live=True):
    news = NewsIndexPage.objects.get()
    page = CommuniquePage(
        title=title, date=date, kind="communique", lead=lead,
        body=[("paragraph", f"<p>{body}</p>")] if body else [], live=live,
    )
    if pdf_pages:
        page.attachments = [CommuniqueAttachment(document=pdf(f"Annexe {title[:40]}", pdf_pages))]
    news.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


def republish(page):
    """Publish the page again, so that the index takes its documents' current text."""
    page = refresh(page)
    page.save_revision().publish()
    return page


def refresh(page):
    return Page.objects.get(pk=page.pk).specific

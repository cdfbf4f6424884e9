"""One plain index entry per record, built in one place for every engine."""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from html import unescape

from django.db.models import prefetch_related_objects
from django.utils.html import strip_tags
from wagtail.models import PageViewRestriction

from erbm_cms.base.models import ContentPage
from erbm_cms.deliberations.models import DeliberationPage
from erbm_cms.documents.models import ExtractionStatus
from erbm_cms.documents.usage import attached_documents
from erbm_cms.engagement.models import EngagementPage
from erbm_cms.minutes.models import MinutesPage
from erbm_cms.news.models import CommuniquePage

KIND_BY_MODEL = {
    EngagementPage: "engagement",
    CommuniquePage: "communique",
    DeliberationPage: "deliberation",
    MinutesPage: "compte-rendu",
    ContentPage: "page",
}
INDEXED_MODELS = tuple(KIND_BY_MODEL)

PUBLIC = "public"
LOGIN = "login"
GROUPS = "groups"


# A page read by OCR with low confidence weighs this much in ranking (a page read well weighs 1).
LOW_CONFIDENCE_WEIGHT = 0.5


@dataclass
class DocumentText:
    id: int
    title: str
    url: str
    pages: list  # (number, text)
    ocr_pages: dict = field(default_factory=dict)  # {number: low confidence?} of the pages read by OCR

    def is_ocr(self, number):
        return number in self.ocr_pages

    def weight(self, number):
        return LOW_CONFIDENCE_WEIGHT if self.ocr_pages.get(number) else 1.0


@dataclass
class IndexEntry:
    page_id: int
    kind: str
    title: str
    summary: str
    body: str
    url: str
    date: date | None
    partner_slugs: list = field(default_factory=list)
    partner_name: str = ""
    axes: list = field(default_factory=list)
    subjects: list = field(default_factory=list)
    audience: str = PUBLIC
    audience_groups: list = field(default_factory=list)
    expire_at: object = None
    documents: list = field(default_factory=list)

    @property
    def year(self):
        return self.date.year if self.date else None


def is_indexed(page):
    return isinstance(page, INDEXED_MODELS)


def stream_text(value):
    """The searchable text of a StreamField value."""
    if not value:
        return ""
    return "\n".join(str(part) for part in value.stream_block.get_searchable_content(value) if part)


def html_text(html):
    text = re.sub(r"<(br|/p|/li|/h\d|/div)\s*/?>", "\n", html or "")
    return unescape(strip_tags(text)).strip()


def audience_of(page, all_restrictions=None):
    """Who may see the page: everybody, any signed-in user, or members of some groups.

    `all_restrictions` (from `view_restrictions()`) spares a query per page when indexing many.
    """
    if all_restrictions is None:
        restrictions = list(page.get_view_restrictions())
    else:
        restrictions = [r for r in all_restrictions if page.path.startswith(r.page.path)]
    if not restrictions:
        return PUBLIC, []
    if all(r.restriction_type == PageViewRestriction.LOGIN for r in restrictions):
        return LOGIN, []
    groups = set()
    for restriction in restrictions:
        if restriction.restriction_type == PageViewRestriction.GROUPS:
            ids = {group.pk for group in restriction.groups.all()}
            groups = ids if not groups else groups & ids
    return GROUPS, sorted(groups)


def document_text(document):
    if document is None or document.extraction_status not in (ExtractionStatus.OK, ExtractionStatus.OCR):
        return None
    pages = [page for page in document.pages.all() if page.text]
    ocr_pages = {page.number: page.low_confidence for page in pages if page.is_ocr}
    return DocumentText(
        document.pk, document.title, document.url, [(page.number, page.text) for page in pages], ocr_pages,
    ) if pages else None


def documents_of(page):
    texts = []
    for document in attached_documents(page):
        text = document_text(document)
        if text:
            texts.append(text)
    return texts


# What building the entries of many pages reads, fetched a few queries per batch instead of per page.
PREFETCH = {
    DeliberationPage: ["partner", "axes", "act_document__pages", "annexes__document__pages"],
    CommuniquePage: ["partners", "subjects", "axes", "attachments__document__pages"],
    MinutesPage: ["attending_partners", "axes", "actions", "minutes_document__pages"],
    EngagementPage: ["axes", "signed_document__pages"],
}


def view_restrictions():
    return list(PageViewRestriction.objects.select_related("page").prefetch_related("groups"))


def build_entries(pages):
    """The index entries of a batch of specific pages."""
    by_model = defaultdict(list)
    for page in pages:
        by_model[type(page)].append(page)
    for model, group in by_model.items():
        prefetch_related_objects(group, *PREFETCH.get(model, []))
    restrictions = view_restrictions()
    return [build_entry(page, restrictions) for page in pages]


def build_entry(page, all_restrictions=None):
    """The index entry of a live page of an indexed type."""
    page = page.specific
    audience, groups = audience_of(page, all_restrictions)
    entry = IndexEntry(
        page_id=page.pk, kind=KIND_BY_MODEL[type(page)], title=page.title, summary="", body="",
        url=page.url or "", date=None, audience=audience, audience_groups=groups, expire_at=page.expire_at,
        documents=documents_of(page),
    )
    if isinstance(page, DeliberationPage):
        entry.summary = html_text(page.summary)
        entry.body = "\n".join([
            f"Délibération n° {page.number}", page.get_deliberating_body_display(), page.subject_label, entry.summary,
        ])
        entry.date = page.session_date
        entry.partner_slugs = [page.partner.slug]
        entry.partner_name = page.partner.name
        entry.subjects = [page.subject_label]
        entry.axes = [axis.number for axis in page.axes.all()]
    elif isinstance(page, CommuniquePage):
        entry.summary = page.lead
        entry.body = "\n".join([page.lead, stream_text(page.body)])
        entry.date = page.date
        entry.partner_slugs = [partner.slug for partner in page.partners.all()]
        entry.subjects = [tag.name for tag in page.subjects.all()]
        entry.axes = [axis.number for axis in page.axes.all()]
    elif isinstance(page, MinutesPage):
        entry.summary = page.summary
        actions = [f"{a.description} ({a.owner})" for a in page.actions.all()]
        entry.body = "\n".join([page.place, page.chair, page.summary, stream_text(page.attendees),
                                stream_text(page.agenda), stream_text(page.decisions), *actions])
        entry.date = page.meeting_date
        entry.partner_slugs = [partner.slug for partner in page.attending_partners.all()]
        entry.axes = [axis.number for axis in page.axes.all()]
    elif isinstance(page, EngagementPage):
        entry.summary = page.intro
        entry.body = "\n".join([page.intro, page.signing_place, stream_text(page.body)])
        entry.date = page.signing_date
        entry.axes = [axis.number for axis in page.axes.all()]
    else:
        # Plain pages (la délégation, mentions légales...) are not dated records.
        entry.summary = page.intro
        entry.body = "\n".join([page.intro, stream_text(page.body)])
    return entry

"""One plain index entry per record, built in one place for every engine.

The page types say what their entry holds (`base.models.IndexedPage`, `archive.records.ArchiveRecord`);
this module imports none of them.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import prefetch_related_objects
from wagtail.models import PageViewRestriction

from erbm_cms.archive.kinds import indexed_models
from erbm_cms.documents.models import ExtractionStatus

PUBLIC = "public"
LOGIN = "login"
GROUPS = "groups"


# How much a PDF page's words weigh in ranking, by where they come from: a text layer is what
# the author wrote; OCR may have misread some words, and a page read with low confidence many.
TEXT_LAYER_WEIGHT = 1.0
OCR_WEIGHT = 0.8
LOW_CONFIDENCE_WEIGHT = 0.4


def page_weight(page):
    """The ranking weight of a DocumentPage's words."""
    if not page.is_ocr:
        return TEXT_LAYER_WEIGHT
    return LOW_CONFIDENCE_WEIGHT if page.low_confidence else OCR_WEIGHT


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
        if number not in self.ocr_pages:
            return TEXT_LAYER_WEIGHT
        return LOW_CONFIDENCE_WEIGHT if self.ocr_pages[number] else OCR_WEIGHT

    def pages_weighing(self, weight):
        """The text of the pages that weigh this much."""
        return [text for number, text in self.pages if self.weight(number) == weight]


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
    return isinstance(page, indexed_models())


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
    for document in page.attached_documents():
        text = document_text(document)
        if text:
            texts.append(text)
    return texts


def view_restrictions():
    return list(PageViewRestriction.objects.select_related("page").prefetch_related("groups"))


def build_entries(pages):
    """The index entries of a batch of specific pages."""
    by_model = defaultdict(list)
    for page in pages:
        by_model[type(page)].append(page)
    for model, group in by_model.items():
        # What building the entries reads, fetched a few queries per batch instead of per page.
        prefetch_related_objects(group, *model.index_prefetch)
    restrictions = view_restrictions()
    return [build_entry(page, restrictions) for page in pages]


def build_entry(page, all_restrictions=None):
    """The index entry of a live page of an indexed type."""
    page = page.specific
    audience, groups = audience_of(page, all_restrictions)
    return IndexEntry(
        page_id=page.pk, kind=page.index_kind, title=page.title, url=page.url or "",
        audience=audience, audience_groups=groups, expire_at=page.expire_at,
        documents=documents_of(page), **page.index_fields(),
    )

"""Keep the database index (entries, chunks, vocabulary) in step with the pages."""

from collections import Counter

from django.db import transaction
from django.db.models import F
from wagtail.models import Page

from .analysis import analyze, fold, words
from .entries import INDEXED_MODELS, build_entry
from .models import SearchChunk, SearchEntry, SearchTerm

MAX_VOCABULARY_WORD = 40


def indexable_pages():
    """The live pages of the indexed types."""
    return Page.objects.live().type(*INDEXED_MODELS).specific()


def spaced(values):
    """Values in a space-separated field, with spaces around so that " value " can be looked for."""
    return f" {' '.join(str(value) for value in values)} " if values else ""


@transaction.atomic
def store_entry(entry):
    """Write (or replace) the database index of one record."""
    SearchEntry.objects.filter(page_id=entry.page_id).delete()
    record = SearchEntry.objects.create(
        page_id=entry.page_id, kind=entry.kind, title=entry.title, summary=entry.summary[:2000], url=entry.url,
        partner_slugs=spaced(entry.partner_slugs), partner_name=entry.partner_name, date=entry.date,
        year=entry.year, axes=spaced(entry.axes), subjects="\n".join(entry.subjects),
        audience=entry.audience, audience_groups=spaced(entry.audience_groups),
        expire_at=entry.expire_at,
    )
    chunks = [SearchChunk(
        entry=record, source=SearchChunk.RECORD, text=entry.body,
        title_terms=analyze(entry.title), body_terms=analyze("\n".join([entry.body, *entry.subjects])),
    )]
    for document in entry.documents:
        for number, text in document.pages:
            chunks.append(SearchChunk(
                entry=record, source=SearchChunk.PDF_PAGE, document_id=document.id,
                document_title=document.title, document_url=document.url, page_number=number,
                text=text, pdf_terms=analyze(text),
            ))
    SearchChunk.objects.bulk_create(chunks, batch_size=200)
    add_to_vocabulary([entry.title, entry.body, *(text for d in entry.documents for _, text in d.pages)])
    return record


def remove_entry(page_id):
    SearchEntry.objects.filter(page_id=page_id).delete()


def add_to_vocabulary(texts):
    """Count the words of the texts, remembering how each folded word is usually written."""
    counts, spellings = Counter(), {}
    for text in texts:
        for _, _, word in words(text):
            if len(word) < 4 or len(word) > MAX_VOCABULARY_WORD or not word.isalpha():
                continue
            folded = fold(word)
            counts[folded] += 1
            spellings.setdefault(folded, Counter())[word.lower()] += 1
    if not counts:
        return
    existing = set(SearchTerm.objects.filter(folded__in=list(counts)).values_list("folded", flat=True))
    SearchTerm.objects.bulk_create(
        [SearchTerm(folded=f, display=spellings[f].most_common(1)[0][0], frequency=counts[f]) for f in counts if f not in existing],
        batch_size=500,
    )
    for folded in existing:
        SearchTerm.objects.filter(folded=folded).update(frequency=F("frequency") + counts[folded])


def index_page(page):
    """Index a page if it is live and of an indexed type; remove it from the index otherwise."""
    page = page.specific
    if not page.live or not isinstance(page, INDEXED_MODELS):
        remove_entry(page.pk)
        return None
    return store_entry(build_entry(page))


def rebuild(progress=lambda done, total: None):
    """Rebuild the whole database index from the pages."""
    pages = list(indexable_pages())
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        SearchTerm.objects.all().delete()
        for done, page in enumerate(pages, 1):
            store_entry(build_entry(page))
            progress(done, len(pages))
    return len(pages)

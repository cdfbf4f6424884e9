"""The PDF page cited for each record shown: the page of its PDFs holding the most of the query's words.

Every engine reads it from the documents' pages in the database, for the records of the page
shown only: a search costs nothing more for the pages of the records it does not show.
"""

from collections import Counter

from erbm_cms.documents.models import ArchiveDocument, DocumentPage, TextSource

from .analysis import term, tokens
from .entries import page_weight


def cited_pages(documents_of, query_terms):
    """{record: (document, text of the page)} of the records holding a PDF page with one of the query's
    analyzed terms; `documents_of`: {record: ids of its documents}. `document` is the JSON's object:
    title, link to the page, page number, and whether the page was read by OCR."""
    owners = {}  # a document may be the act or annex of several records
    for owner, document_ids in documents_of.items():
        for document_id in document_ids:
            owners.setdefault(document_id, []).append(owner)
    if not owners or not query_terms:
        return {}
    best = {}
    rows = DocumentPage.objects.filter(document_id__in=list(owners)).exclude(text="").order_by("document_id", "number")
    for page in rows.only("document_id", "number", "text", "source", "ocr_confidence"):
        found = Counter()
        for word, count in Counter(tokens(page.text)).items():  # each distinct word analyzed once
            if (analyzed := term(word)) in query_terms:
                found[analyzed] += count
        if not found:
            continue
        # Among pages as good, the one whose text was read most surely.
        key = (len(found), sum(found.values()) * page_weight(page))
        for owner in owners[page.document_id]:
            if owner not in best or key > best[owner][0]:
                best[owner] = (key, page)
    documents = ArchiveDocument.objects.in_bulk({page.document_id for _, page in best.values()})
    cited = {}
    for owner, (_, page) in best.items():
        document = documents[page.document_id]
        cited[owner] = ({"title": document.title, "url": f"{document.url}#page={page.number}", "page": page.number,
                         "ocr": page.source == TextSource.OCR}, page.text)
    return cited

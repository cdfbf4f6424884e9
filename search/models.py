"""The search index kept in the database: derived data, rebuilt from the pages at any time.

One `SearchEntry` per record, and `SearchChunk` rows holding its analyzed text:
one chunk for the record itself (title, body) and one per page of each PDF, so
that a hit knows its page. The full-text structures proper (an SQLite FTS5
table, a PostgreSQL tsvector column with its GIN index) are created by the
migrations for the database in use and kept in step by the database itself.
"""

from django.db import models


class SearchEntry(models.Model):
    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="search_entry")
    kind = models.CharField(max_length=20, db_index=True)
    title = models.TextField()
    summary = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    partner_slugs = models.TextField(blank=True, help_text="slugs of the partners concerned, space separated")
    partner_name = models.CharField(max_length=255, blank=True, help_text="the partner of a deliberation")
    date = models.DateField(null=True, db_index=True)
    year = models.PositiveSmallIntegerField(null=True, db_index=True)
    axes = models.CharField(max_length=100, blank=True, help_text="axis numbers, space separated")
    subjects = models.TextField(blank=True)
    audience = models.CharField(max_length=20, default="public", db_index=True)
    audience_groups = models.CharField(max_length=200, blank=True, help_text="group ids, space separated")
    expire_at = models.DateTimeField(null=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "entrée de l'index de recherche"
        verbose_name_plural = "entrées de l'index de recherche"

    def axis_numbers(self):
        return [int(number) for number in self.axes.split()]

    def partner_slug_list(self):
        return self.partner_slugs.split()


class SearchChunk(models.Model):
    RECORD = "record"
    PDF_PAGE = "pdf"

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="chunks")
    source = models.CharField(max_length=10, default=RECORD)
    document_id = models.IntegerField(null=True)
    document_title = models.CharField(max_length=255, blank=True)
    document_url = models.CharField(max_length=500, blank=True)
    page_number = models.PositiveIntegerField(null=True)
    text = models.TextField(blank=True, help_text="raw text, for snippets")
    title_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    pdf_terms = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["entry", "source"])]


class SearchTerm(models.Model):
    """A word of the index, for spelling suggestions: its folded form and how it is written."""

    folded = models.CharField(max_length=100, primary_key=True)
    display = models.CharField(max_length=100)
    frequency = models.PositiveIntegerField(default=0)


class PendingIndexOperation(models.Model):
    """An index change the Elasticsearch engine could not take yet; replayed when it is back."""

    UPDATE = "update"
    DELETE = "delete"

    page_id = models.IntegerField(db_index=True)
    operation = models.CharField(max_length=10)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

"""The search index kept in the database: derived data, rebuilt from the pages at any time.

One `SearchEntry` per record: what a hit shows and what filters and facets
need, the record's own text (for its snippet) and the ids of its PDFs (whose
page text stays in `DocumentPage`, read back for the records shown only). The
analyzed terms live in the full-text structure alone: an FTS5 table keyed by
the entry id on SQLite, a weighted `tsvector` column with its GIN index on
PostgreSQL (see `engines.sqlite` and `engines.postgresql`).
"""

import hashlib

from django.db import models


def facet_key(kind, partner_slugs, year, axes):
    """The key of a combination of facet values: a digest, of one length whatever the number of partners."""
    values = f"{kind}|{partner_slugs}|{'' if year is None else year}|{axes}"
    return hashlib.sha256(values.encode()).hexdigest()


class FacetGroup(models.Model):
    """Facet values that records share (kind, partners, year, axes), as one number.

    The database engine counts the records matched by group, an integer, then reads the values of
    the few groups found: grouping every record matched by four text columns cost more (SQLite sorts
    the rows to group them). A group never changes; a record that changes values takes another one.
    """

    key = models.CharField(max_length=64, unique=True, help_text="facet_key() of the four values")
    kind = models.CharField(max_length=20)
    partner_slugs = models.TextField(blank=True)
    year = models.PositiveSmallIntegerField(null=True)
    axes = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = "groupe de facettes"
        verbose_name_plural = "groupes de facettes"

    def __str__(self):
        return " · ".join(str(value) for value in (self.kind, self.partner_slugs.strip(), self.year, self.axes.strip())
                          if value)


class SearchEntry(models.Model):
    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="search_entry")
    kind = models.CharField(max_length=20, db_index=True)
    title = models.TextField()
    title_key = models.TextField(blank=True, help_text="the analyzed title, for the exact-title bonus")
    body = models.TextField(blank=True, help_text="the record's own text (not its PDFs), for snippets")
    url = models.CharField(max_length=500)
    partner_slugs = models.TextField(blank=True, help_text="slugs of the partners concerned, space separated")
    partner_name = models.CharField(max_length=255, blank=True, help_text="the partner of a deliberation")
    date = models.DateField(null=True, db_index=True)
    year = models.PositiveSmallIntegerField(null=True, db_index=True)
    axes = models.CharField(max_length=100, blank=True, help_text="axis numbers, space separated")
    documents = models.TextField(blank=True, help_text="ids of the record's PDFs, space separated")
    audience = models.CharField(max_length=20, default="public", db_index=True)
    audience_groups = models.CharField(max_length=200, blank=True, help_text="group ids, space separated")
    expire_at = models.DateTimeField(null=True)
    facet_group = models.ForeignKey(FacetGroup, null=True, on_delete=models.PROTECT, related_name="+", db_index=False)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "entrée de l'index de recherche"
        verbose_name_plural = "entrées de l'index de recherche"
        indexes = [
            # The columns the search statements read of each record matched, without its text: on SQLite
            # they are read from this index alone (search.engines.sqlite forces it), not from the wide rows.
            models.Index(fields=["id", "kind", "partner_slugs", "year", "axes", "page", "date", "title_key",
                                 "facet_group"],
                         name="search_entry_searched_columns"),
        ]

    def __str__(self):
        return f"{self.kind} : {self.title}"

    def axis_numbers(self):
        return [int(number) for number in self.axes.split()]

    def partner_slug_list(self):
        return self.partner_slugs.split()

    def document_ids(self):
        return [int(number) for number in self.documents.split()]


class SearchTerm(models.Model):
    """A word of the index, for spelling suggestions: its folded form and how it is written."""

    folded = models.CharField(max_length=100, primary_key=True)
    display = models.CharField(max_length=100)
    frequency = models.PositiveIntegerField(default=0)

    def __str__(self):
        return self.display


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

    def __str__(self):
        return f"{self.operation} page {self.page_id}"


class Synonym(models.Model):
    """An acronym or term of the field and what it stands for; a search for one finds the others."""

    term = models.CharField("sigle ou terme", max_length=100, unique=True)
    expansions = models.TextField(
        "formes développées ou synonymes",
        help_text="Une par ligne. Chercher le sigle trouve aussi ces expressions, et chercher l'une d'elles "
        "entre guillemets trouve aussi le sigle.",
    )
    source = models.CharField("source", max_length=255, blank=True)

    class Meta:
        ordering = ["term"]
        verbose_name = "synonyme ou sigle"
        verbose_name_plural = "synonymes et sigles"

    def __str__(self):
        return self.term

    def expansion_list(self):
        return [line.strip() for line in self.expansions.splitlines() if line.strip()]


class QueryStat(models.Model):
    """How many times a query was searched on a day, and how many of those found nothing (no personal data)."""

    day = models.DateField()
    query = models.CharField(max_length=300)
    searches = models.PositiveIntegerField(default=0)
    without_result = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "query"], name="one_query_stat_per_day")]
        verbose_name = "statistique de recherche"

    def __str__(self):
        return f"{self.day} « {self.query} »"


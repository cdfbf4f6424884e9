"""The words of the index, for spelling suggestions, counted in bulk.

A rebuild counts every word of every record in memory (C-speed `Counter`
updates over the words the index cut them into, see `engines.database.IndexedText`)
and writes the vocabulary once at the end; indexing one record adds its counts
in a single upsert. No statement is run per word.
"""

from collections import Counter

from django.db import connection

from .analysis import fold, lower, strip_elision
from .models import SearchTerm

MIN_WORD = 4
MAX_WORD = 40
UPSERT_BATCH = 500


class WordCounts:
    """How often each written form of a word occurs in the texts added."""

    def __init__(self):
        self.words = Counter()

    def add_words(self, *word_lists):
        """Count the words of texts already cut into words (`analysis.tokens`)."""
        for words in word_lists:
            self.words.update(words)

    def folded(self):
        """{folded word: (frequency, most frequent lower-case spelling)}."""
        counts, spellings = Counter(), {}
        for word, count in self.words.items():
            word = strip_elision(lower(word))  # « l'archiviste » counts as « archiviste »
            if not MIN_WORD <= len(word) <= MAX_WORD or not word.isalpha():
                continue
            key = fold(word)
            counts[key] += count
            spellings.setdefault(key, Counter())[word.lower()] += count
        return {key: (count, spellings[key].most_common(1)[0][0]) for key, count in counts.items()}


def add(counts):
    """Add the counts to the stored vocabulary: one upsert per batch of words."""
    rows = [(key, display, count) for key, (count, display) in counts.folded().items()]
    table = SearchTerm._meta.db_table
    with connection.cursor() as cursor:
        for start in range(0, len(rows), UPSERT_BATCH):
            batch = rows[start:start + UPSERT_BATCH]
            values = ", ".join(["(%s, %s, %s)"] * len(batch))
            cursor.execute(
                f"INSERT INTO {table} (folded, display, frequency) VALUES {values} "
                f"ON CONFLICT (folded) DO UPDATE SET frequency = {table}.frequency + excluded.frequency",
                [value for row in batch for value in row],
            )


def replace(counts):
    """Replace the whole vocabulary (at the end of a rebuild)."""
    SearchTerm.objects.all().delete()
    SearchTerm.objects.bulk_create(
        [SearchTerm(folded=key, display=display, frequency=count) for key, (count, display) in counts.folded().items()],
        batch_size=UPSERT_BATCH,
    )

"""What a search looks for beyond the words as typed, the same way on every engine.

1. **Near spellings.** An unquoted word of 4 letters or more found in fewer than `FEW`
   records also looks for the words of the index within a small edit distance (1 for 4 to 7
   letters, 2 beyond): « rehabilitaton » also finds « réhabilitation ». The records holding the
   word as typed rank first; the page says which words were searched instead.
2. **Most of the words.** A search of three significant words or more (clauses: a word, a
   quoted phrase, a group of OR alternatives) that finds fewer than `PARTIAL_BELOW` records
   with all of them also finds the records holding most of them (more than half: 2 of 3,
   3 of 4 or 5, 4 of 6 or 7…), ranked after the complete ones and labelled as partial.
   A search of two words that finds no record with both finds those holding one of them
   (« renovaton thermique » when no record speaks of « thermique »: the records on renovation).
   Question words and everyday verbs are not significant (`search.question_words`).

Through near spellings, the archive's records come before the site's pages: a site page's
relevance counts `SITE_PAGE_WEIGHT` of its own (« deliberaton » does not put « Mentions légales » first).

The database engines look for the near words themselves (their stems join the clause as
alternatives); Elasticsearch uses its own `fuzziness` on the same rare words.
"""

from dataclasses import dataclass, replace
from functools import cached_property

from rapidfuzz.distance import OSA

from erbm_cms.archive.kinds import record_models

from .analysis import exact_term, term
from .models import SearchTerm
from .query import Clause
from .synonyms import expand

# A word in fewer records than this is taken as possibly misspelt.
FEW = 2
# At most this many near words are searched for one word typed.
MAX_NEAR = 5
# The share of its relevance that a site page (not an archive record) keeps when the query was corrected.
SITE_PAGE_WEIGHT = 0.5
# With fewer complete results than this, records holding most of the words are added.
PARTIAL_BELOW = 10
# From this many clauses; a query of two clauses gets partial results only when nothing holds both.
PARTIAL_FROM = 3


def record_kinds():
    """The kinds of the archive's records (deliberations, minutes, communiqués…), as opposed to the site's pages."""
    return sorted(model.index_kind for model in record_models())


def max_edits(word):
    """Edits allowed to reach a near word: none under 4 letters, 1 up to 7, 2 beyond."""
    if len(word) < 4:
        return 0
    return 1 if len(word) <= 7 else 2


def near_words(word):
    """[(display form, folded form)] of the index's words near `word`, nearest and most frequent first."""
    folded = exact_term(word)
    limit = max_edits(folded)
    if not limit or not folded.isalpha():
        return []
    own = term(word)
    rows = SearchTerm.objects.filter(folded__startswith=folded[0]).values_list("folded", "display", "frequency")
    ranked = []
    for candidate, display, frequency in rows.iterator(chunk_size=2000):
        if abs(len(candidate) - len(folded)) > limit or candidate == folded:
            continue
        distance = OSA.distance(folded, candidate, score_cutoff=limit)  # two letters swapped: one edit
        if distance <= limit and term(candidate) not in (own, ""):
            ranked.append((distance, -frequency, candidate, display))
    found, stems = [], set()
    for _, _, candidate, display in sorted(ranked):
        if term(candidate) not in stems:
            stems.add(term(candidate))
            found.append((display, candidate))
        if len(found) == MAX_NEAR:
            break
    return found


@dataclass(frozen=True)
class Correction:
    """A rare word typed and the near words searched with it."""

    clause: int  # index of its clause in the query
    typed: str
    near: tuple  # display forms


@dataclass(frozen=True)
class Plan:
    query: object  # the ParsedQuery as typed
    corrections: tuple = ()

    @property
    def positive(self):
        return sum(1 for clause in self.query.clauses if not clause.excluded)

    @property
    def partial_required(self):
        """Clauses a record must hold to be a partial result: most of them, one of two."""
        return max(1, self.positive // 2 + 1 if self.positive >= PARTIAL_FROM else self.positive - 1)

    @property
    def partial_below(self):
        """Partial results are added while the complete ones are fewer than this."""
        return PARTIAL_BELOW if self.positive >= PARTIAL_FROM else 1

    @cached_property
    def widened(self):
        """The query with the near words of its rare words, and their synonyms, as alternatives (their stems).

        The near words count as the word typed would (their synonyms, as synonyms): they are the word meant.
        """
        if not self.corrections:
            return self.query
        clauses = list(self.query.clauses)
        for correction in self.corrections:
            clause = clauses[correction.clause]
            near = [word for word in correction.near if (term(word),) not in clause.alternatives]
            near_clause = expand(replace(self.query, clauses=(Clause(tuple((term(word),) for word in near),
                                                                      texts=tuple(near)),))).clauses[0]
            extra = [(alternative, text) for alternative, text in zip(near_clause.alternatives, near_clause.texts,
                                                                       strict=True)
                     if alternative not in clause.alternatives]
            clauses[correction.clause] = replace(
                clause, alternatives=clause.alternatives + tuple(alternative for alternative, _ in extra),
                texts=clause.texts + tuple(text for _, text in extra),
                synonyms=clause.synonyms | {alternative for alternative, _ in extra if alternative in near_clause.synonyms},
            )
        return replace(self.query, clauses=tuple(clauses))

    @property
    def searched_instead(self):
        """{word typed: [near words searched too]}, for the page and the API."""
        return {correction.typed: list(correction.near) for correction in self.corrections}


def plan(query, records_with, seen, rare=None):
    """The Plan of a parsed query; `records_with(clause, limit)` counts (up to limit) the records holding a clause.

    A near word is searched (and named on the page) only if `seen(word)`: if it occurs in a record
    the asking user may see, since the vocabulary is shared by every record. `rare`: `rare_words` of
    the query, if the caller computed them already.
    """
    corrections = []
    for index, word, near in rare_words(query, records_with) if rare is None else rare:
        near = [display for display, _ in near if seen(display)]
        if near:
            corrections.append(Correction(index, word, tuple(near)))
    return Plan(query, tuple(corrections))


def rare_words(query, records_with):
    """[(clause index, word, near words)] of the query's words held by fewer than FEW records; the near
    words are those `plan` asks `seen` about (an engine may ask about them all at once first)."""
    return [(index, clause.single_word, near_words(clause.single_word)) for index, clause in enumerate(query.clauses)
            if rarity_asked(clause) and records_with(clause, FEW) < FEW]


def rarity_asked(clause):
    """Whether `plan` counts the records holding the clause: an unquoted word long enough to be misspelt."""
    word = clause.single_word
    return not clause.excluded and word is not None and max_edits(exact_term(word)) > 0

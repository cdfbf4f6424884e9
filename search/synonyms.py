"""Synonyms and acronyms applied when the query is parsed, so that every engine searches the same thing.

A clause (a word or a quoted phrase) that is an acronym of the list gets its
expansions as alternatives, and a phrase that is an expansion gets the acronym
and the other expansions: « ANRU » also finds « Agence nationale pour la
rénovation urbaine », and the other way round. Excluded clauses are widened
the same way (« -ANRU » leaves out the expansion too).

The alternatives added are marked as such (`Clause.synonyms`): every engine counts a
synonym's matches `SYNONYM_WEIGHT` of the word typed, so that the record holding the word
typed comes before the one holding only its synonym (the rest being equal), and a record
holding both gets half a share more, not two.
"""

from dataclasses import replace

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .analysis import terms
from .models import Synonym

CACHE_KEY = "search:synonyms"
# The share of a word's relevance that its synonym's matches count.
SYNONYM_WEIGHT = 0.5


def synonym_groups():
    """[(terms of each form, text of each form)] of every entry, cached until the list changes."""
    groups = cache.get(CACHE_KEY)
    if groups is None:
        groups = []
        for synonym in Synonym.objects.all():
            forms = [synonym.term, *synonym.expansion_list()]
            analysed = [(tuple(terms(form)), form) for form in forms]
            groups.append([(form_terms, text) for form_terms, text in analysed if form_terms])
        cache.set(CACHE_KEY, groups, None)
    return groups


@receiver([post_save, post_delete], sender=Synonym)
def forget_synonyms(**kwargs):
    cache.delete(CACHE_KEY)


def expand(parsed, groups=None):
    """The parsed query with the synonyms of its clauses added as alternatives."""
    groups = synonym_groups() if groups is None else groups
    if not groups or not parsed.clauses:
        return parsed
    clauses = []
    for clause in parsed.clauses:
        alternatives, texts, added = list(clause.alternatives), list(clause.texts), set(clause.synonyms)
        for alternative in clause.alternatives:
            for group in groups:
                if any(form_terms == alternative for form_terms, _ in group):
                    for form_terms, text in group:
                        if form_terms not in alternatives:
                            alternatives.append(form_terms)
                            texts.append(text)
                            added.add(form_terms)
        clauses.append(replace(clause, alternatives=tuple(alternatives), texts=tuple(texts), synonyms=frozenset(added)))
    return replace(parsed, clauses=tuple(clauses))

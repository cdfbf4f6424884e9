"""Words of a question that say nothing of the records sought: « quelles », « comment », « peut », « voté ».

A clerk asks « quelles communes ont voté la rénovation des cités minières ? »: the records
sought hold « communes », « rénovation », « cités », « minières », seldom « quelles » or « voté ».
Such words, typed bare in a query holding other words, are not searched, not counted among the
words a partial result must hold, and never "corrected" by a suggestion. Between quotes, or
alone, they are searched as typed. The word right after « quel », « quelle »… names what the
answer is (« quelles communes » asks for communes: the records are their deliberations, which
seldom say « communes »); it is searched only when the question holds nothing else. The forms
are in lower case with their accents (« voté », the verb, is one of them; « vote », the noun, is
not); typed without accents, those that have none match.
"""

from .analysis import exact_term, fold, lower, strip_elision

# « quel » and its forms: the word after them is what the question asks for.
WHICH = frozenset("quel quels quelle quelles".split())
QUESTION_WORDS = WHICH | frozenset("""
quel quels quelle quelles lequel laquelle lesquels lesquelles comment où quand combien pourquoi quoi qui que
""".split())
# The subject pronouns of an inverted question (« les écoles ont-elles… », « a-t-il… »).
PRONOUNS = frozenset("il ils elle elles on t".split())

# Forms of everyday verbs (faire, aller, pouvoir, devoir, vouloir, savoir, falloir, voir, trouver,
# chercher, exister) and of « voter », which a question uses for "was it decided" (the record is
# the deliberation); « avoir » and « être » are stop words already. Nouns such as « vote » stay.
EVERYDAY_VERBS = frozenset("""
faire fait faits faite faites font fera feront ferait feraient
aller va vont vais allait ira iront
pouvoir peut peuvent pourrait pourraient pourra pourront
devoir doit doivent devrait devraient devra devront
vouloir veut veulent voudrait voudraient
savoir sait savent
falloir faut faudrait faudra
voir trouver trouve trouvent chercher cherche cherchent existe existent
voter votent voté votée votés votées votera voteront
""".split())

WORDS = QUESTION_WORDS | PRONOUNS | EVERYDAY_VERBS
UNACCENTED = frozenset(word for word in WORDS if fold(word) == word)


def is_question_word(word):
    """Whether a word typed is a question word or an everyday verb (see the module), or words joined by
    hyphens that are all such words or stop words (« est-ce », « ont-elles », « a-t-il »)."""
    form = strip_elision(lower(word))
    parts = [part for part in form.split("-") if part]
    if len(parts) > 1:
        return all(_says_nothing(part) or not exact_term(part) for part in parts)  # a stop word has no term
    return _says_nothing(form)


def _says_nothing(form):
    return form in WORDS or fold(form) in UNACCENTED


def asks_which(word):
    """Whether a word typed is « quel » or one of its forms (the next word is what is asked for)."""
    return strip_elision(lower(word)) in WHICH

"""The search parameters and the little query language of the search box.

    logement social        both words (in any order)
    "bassin minier"        the phrase
    -charbon               records without the word
    logement OR habitat    either word

Parameters are checked by `SearchForm`; a bad one raises `InvalidParameter` with the
name of the field and a message in French, which the views turn into a 400 answer.
"""

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from erbm_cms.archive.kinds import KINDS

from .analysis import term, terms, tokens
from .question_words import asks_which, is_question_word

MAX_QUERY_LENGTH = 300
MAX_TERMS = 20
MAX_PAGE = 1000
SORTS = ("pertinence", "date")
FORBIDDEN_CHARACTERS = set("<>{}[]\\")


class InvalidParameter(ValueError):
    def __init__(self, field, message):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Clause:
    """Words (a phrase when several) that must, or must not, appear; alternatives joined by OR."""

    alternatives: tuple  # tuple of tuples of terms; each inner tuple is a phrase (or one word)
    excluded: bool = False
    texts: tuple = ()  # the words as typed, one string per alternative (for engines that analyze themselves)
    quoted: bool = False  # typed between quotes: taken as written (no near spellings)
    either: bool = False  # alternatives typed with OR
    asked: bool = False  # the word a question asks for: « communes » in « quelles communes… »
    synonyms: frozenset = frozenset()  # the alternatives that came from the synonym list (they score less)

    @property
    def own(self):
        """The alternatives but the synonyms: the words typed, their forms, the near spellings of a rare word."""
        return tuple(alternative for alternative in self.alternatives if alternative not in self.synonyms)

    @property
    def own_texts(self):
        """The texts of the own alternatives; and `synonym_texts`, those of the synonyms (same order as typed)."""
        return tuple(text for alternative, text in zip(self.alternatives, self.texts, strict=True)
                     if alternative not in self.synonyms)

    def without_synonyms(self):
        """The clause with its own alternatives only."""
        return replace(self, alternatives=self.own, texts=self.own_texts, synonyms=frozenset())

    @property
    def synonym_texts(self):
        return tuple(text for alternative, text in zip(self.alternatives, self.texts, strict=True)
                     if alternative in self.synonyms)

    @property
    def asks(self):
        """Whether the clause is a bare question word or everyday verb (search.question_words)."""
        word = self.single_word
        return not self.excluded and word is not None and is_question_word(word)

    @property
    def single_word(self):
        """The word typed, for a clause of one unquoted word (its other forms aside), else None."""
        if self.quoted or self.either or any(len(terms) != 1 for terms in self.alternatives) or not self.texts:
            return None
        return self.texts[0]


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    clauses: tuple = ()

    @property
    def is_empty(self):
        return not any(not clause.excluded for clause in self.clauses)

    @property
    def has_synonyms(self):
        return any(clause.synonyms for clause in self.clauses if not clause.excluded)

    def without_synonyms(self):
        """The query with its clauses' own alternatives only (see Clause.own)."""
        return replace(self, clauses=tuple(clause.without_synonyms() for clause in self.clauses))

    @property
    def positive_terms(self):
        return {t for clause in self.clauses if not clause.excluded for phrase in clause.alternatives for t in phrase}

    @property
    def words(self):
        """The words the user typed (for spelling suggestions)."""
        return re.findall(r"[^\W\d_][\w'’-]*", self.text)


TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')

# Snowball stems the masculine of the adjectives in -ier to `…i` but their feminine to `…ier`
# (« minier » → `mini`, « minières » → `minier`): a word of one form is also looked for in the other.
FEMININE = re.compile(r"(?i)(i)(e|è)re(s?)$")
MASCULINE = re.compile(r"(?i)(i)er(s?)$")
MAX_VARIANTS = 3


def word_family(content):
    """Other forms of the text whose words stem apart from the typed ones: « cités minières » → « cités minier »."""
    variants = []
    for word in dict.fromkeys(tokens(content)):
        if FEMININE.search(word):
            other = FEMININE.sub(r"\1er\3", word)
        elif MASCULINE.search(word):
            other = MASCULINE.sub(r"\1ère\2", word)
        else:
            continue
        if term(other) != term(word):
            variants.append(re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", other, content))
    return variants[:MAX_VARIANTS]


def parse_query(raw):
    text = raw or ""
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidParameter("q", f"La recherche est trop longue : {MAX_QUERY_LENGTH} caractères au plus.")
    if any(unicodedata.category(char) == "Cc" for char in text):
        raise InvalidParameter("q", "La recherche contient des caractères de contrôle.")
    forbidden = sorted(FORBIDDEN_CHARACTERS & set(text))
    if forbidden:
        raise InvalidParameter("q", "La recherche contient des caractères non autorisés : " + " ".join(forbidden))
    if text.count('"') % 2:
        raise InvalidParameter("q", "Un guillemet n'est pas refermé : encadrez une expression exacte par deux guillemets.")
    # Invisible format characters pasted with a word (soft hyphen, zero-width space, word joiner…) are not part of it.
    text = "".join(char for char in text if unicodedata.category(char) != "Cf")
    text = " ".join(text.split())
    clauses = []
    typed = 0  # words typed (their other forms, searched too, are not counted)
    pending_or = after_determiner = False
    for match in TOKEN.finditer(text):
        minus, phrase, word = match.groups()
        asked, after_determiner = after_determiner and phrase is None, word is not None and asks_which(word)
        if word == "OR":
            pending_or = bool(clauses) and not clauses[-1].excluded
            continue
        excluded = bool(minus) or (word is not None and word.startswith("-") and len(word) > 1)
        content = phrase if phrase is not None else (word[1:] if excluded and word else word)
        phrase_terms = tuple(terms(content))
        if not phrase_terms:
            pending_or = False
            continue
        typed += len(phrase_terms)
        alternatives, texts = (phrase_terms,), (content,)
        for variant in word_family(content):
            if tuple(terms(variant)) not in alternatives:
                alternatives += (tuple(terms(variant)),)
                texts += (variant,)
        if pending_or and not excluded:
            previous = clauses.pop()
            clauses.append(Clause(previous.alternatives + alternatives, texts=previous.texts + texts,
                                  quoted=previous.quoted or phrase is not None, either=True))
        else:
            clauses.append(Clause(alternatives, excluded, texts=texts, quoted=phrase is not None,
                                  asked=asked and not excluded))
        pending_or = False
    if typed > MAX_TERMS:
        raise InvalidParameter("q", f"La recherche compte trop de mots : {MAX_TERMS} au plus.")
    # « quelles communes ont voté la rénovation… » searches the words that name what is sought (search.question_words).
    if any(not clause.excluded and not clause.asks for clause in clauses):
        clauses = [clause for clause in clauses if not clause.asks]
    if any(not clause.excluded and not clause.asked for clause in clauses):
        clauses = [clause for clause in clauses if not clause.asked]
    parsed = ParsedQuery(text, tuple(clauses))
    if text and parsed.is_empty and not any(c.excluded for c in clauses):
        if re.search(r"\w", text):
            raise InvalidParameter("q", "La recherche ne contient que des mots trop courants (le, la, de…) : précisez-la.")
        raise InvalidParameter("q", "La recherche ne contient aucun mot à chercher.")
    if text and parsed.is_empty:
        raise InvalidParameter("q", "Indiquez au moins un mot à chercher en plus des mots exclus.")
    return parsed


@dataclass(frozen=True)
class SearchParams:
    query: ParsedQuery = field(default_factory=lambda: ParsedQuery(""))
    kind: str = ""
    partner: str = ""
    year: int | None = None
    axis: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "pertinence"
    page: int = 1
    per_page: int = 10

    @property
    def sorted_by_date(self):
        return self.sort == "date" or self.query.is_empty

    def as_query_dict(self, **changes):
        """The URL parameters of these search, with some changed (for facet and page links)."""
        values = {
            "q": self.query.text, "type": self.kind, "partenaire": self.partner,
            "annee": self.year or "", "axe": self.axis or "",
            "du": self.date_from.isoformat() if self.date_from else "",
            "au": self.date_to.isoformat() if self.date_to else "",
            "tri": "" if self.sort == "pertinence" else self.sort, "page": "" if self.page == 1 else self.page,
        }
        values.update(changes)
        return {key: value for key, value in values.items() if value not in ("", None)}


class BoundedIntegerField(forms.IntegerField):
    """An integer written with at most nine digits, between two bounds, named in the messages."""

    def __init__(self, label, low, high, feminine=False):
        between = f"{label} doit être {'comprise' if feminine else 'compris'} entre {low} et {high}."
        super().__init__(required=False, min_value=low, max_value=high, label=label,
                         error_messages={"min_value": between, "max_value": between})

    def to_python(self, value):
        value = (value or "").strip()
        if value == "":
            return None
        if not re.fullmatch(r"-?[0-9]+", value):  # ASCII digits only (\d takes other scripts' digits)
            raise ValidationError(f"{self.label} doit être un nombre entier, pas « {value[:40]} ».", code="invalid")
        if len(value.lstrip("-")) > 9:
            raise ValidationError(self.error_messages["max_value"], code="max_value")
        return int(value)


class IsoDateField(forms.DateField):
    """A date written AAAA-MM-JJ, and only so."""

    def __init__(self, label):
        super().__init__(required=False, label=label)

    def to_python(self, value):
        value = (value or "").strip()
        if value == "":
            return None
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                return date.fromisoformat(value)
        except ValueError:
            pass
        raise ValidationError(f"{self.label} doit être une date au format AAAA-MM-JJ, pas « {value[:40]} ».", code="invalid")


class ChoiceField(forms.ChoiceField):
    """A choice among a few words, blanks around it ignored."""

    def to_python(self, value):
        return super().to_python(value).strip()


class SearchForm(forms.Form):
    # The field names are the URL's parameters (French, as the public sees them). The query is
    # a plain Field: parse_query checks it whole, control characters included.
    q = forms.Field(required=False)
    type = ChoiceField(required=False, choices=lambda: list(KINDS.items()))
    partenaire = forms.Field(required=False)
    tri = ChoiceField(
        required=False, choices=[(sort, sort) for sort in SORTS],
        error_messages={"invalid_choice": "Le tri se fait par « pertinence » ou par « date »."},
    )
    du = IsoDateField("La date de début")
    au = IsoDateField("La date de fin")
    annee = BoundedIntegerField("L'année", 1900, 2100, feminine=True)
    axe = BoundedIntegerField("L'axe", 1, 99)
    page = BoundedIntegerField("Le numéro de page", 1, MAX_PAGE)

    def __init__(self, data, known_partners=None):
        super().__init__(data)
        self.fields["type"].error_messages["invalid_choice"] = (
            f"Type inconnu « %(value).40s » : choisissez parmi {', '.join(KINDS)}."
        )
        if known_partners is not None:
            self.fields["partenaire"] = ChoiceField(
                required=False, choices=[(slug, slug) for slug in sorted(known_partners)],
                error_messages={"invalid_choice": "Partenaire inconnu « %(value).40s »."},
            )

    def clean_partenaire(self):
        return (self.cleaned_data["partenaire"] or "").strip()

    def clean_q(self):
        try:
            return parse_query(self.cleaned_data["q"])
        except InvalidParameter as error:
            raise ValidationError(error.message, code="invalid") from error

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("du") and cleaned.get("au") and cleaned["du"] > cleaned["au"]:
            self.add_error("au", "La date de fin précède la date de début.")
        return cleaned

    def first_error(self):
        """InvalidParameter for the first field in error."""
        name = next(name for name in self.fields if name in self.errors)
        return InvalidParameter(name, self.errors[name][0])


def parse_params(params, known_partners=None, synonyms=True):
    """SearchParams from a QueryDict (or dict), or InvalidParameter; with synonyms, the query is widened by the editors' list."""
    for name, value in params.items():
        if isinstance(value, str) and len(value) > MAX_QUERY_LENGTH and name != "q":
            raise InvalidParameter(name, "Valeur trop longue.")
    form = SearchForm(params, known_partners)
    if not form.is_valid():
        raise form.first_error()
    values = form.cleaned_data
    query = values["q"]
    if synonyms:
        from .synonyms import expand  # reads the editors' list (models): not at import time

        query = expand(query)
    return SearchParams(
        query=query, kind=values["type"], partner=values["partenaire"],
        year=values["annee"], axis=values["axe"], date_from=values["du"], date_to=values["au"],
        sort=values["tri"] or "pertinence", page=values["page"] or 1,
    )

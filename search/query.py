"""The search parameters and the little query language of the search box.

    logement social        both words (in any order)
    "bassin minier"        the phrase
    -charbon               records without the word
    logement OR habitat    either word

Parameters are checked here; a bad one raises `InvalidParameter` with the name
of the field and a message in French, which the views turn into a 400 answer.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from .analysis import terms

MAX_QUERY_LENGTH = 300
MAX_TERMS = 20
MAX_PAGE = 1000
KINDS = {
    "engagement": "Engagement",
    "communique": "Communiqué",
    "deliberation": "Délibération",
    "compte-rendu": "Compte rendu",
    "page": "Page",
}
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


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    clauses: tuple = ()

    @property
    def is_empty(self):
        return not any(not clause.excluded for clause in self.clauses)

    @property
    def positive_terms(self):
        return {t for clause in self.clauses if not clause.excluded for phrase in clause.alternatives for t in phrase}

    @property
    def words(self):
        """The words the user typed (for spelling suggestions)."""
        return re.findall(r"[^\W\d_][\w'’-]*", self.text)


TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')


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
    text = " ".join(text.split())
    clauses = []
    pending_or = False
    for match in TOKEN.finditer(text):
        minus, phrase, word = match.groups()
        if word == "OR":
            pending_or = bool(clauses) and not clauses[-1].excluded
            continue
        excluded = bool(minus) or (word is not None and word.startswith("-") and len(word) > 1)
        content = phrase if phrase is not None else (word[1:] if excluded and word else word)
        phrase_terms = tuple(terms(content))
        if not phrase_terms:
            pending_or = False
            continue
        if pending_or and not excluded:
            previous = clauses.pop()
            clauses.append(Clause(previous.alternatives + (phrase_terms,), texts=previous.texts + (content,)))
        else:
            clauses.append(Clause((phrase_terms,), excluded, texts=(content,)))
        pending_or = False
    count = sum(len(phrase) for clause in clauses for phrase in clause.alternatives)
    if count > MAX_TERMS:
        raise InvalidParameter("q", f"La recherche compte trop de mots : {MAX_TERMS} au plus.")
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


def _integer(params, name, low, high, label):
    raw = params.get(name, "").strip()
    if raw == "":
        return None
    if not re.fullmatch(r"\d{1,9}", raw):
        raise InvalidParameter(name, f"{label} doit être un nombre entier, pas « {raw[:40]} ».")
    value = int(raw)
    if not low <= value <= high:
        raise InvalidParameter(name, f"{label} doit être compris entre {low} et {high}.")
    return value


def _date(params, name, label):
    raw = params.get(name, "").strip()
    if raw == "":
        return None
    try:
        return date.fromisoformat(raw) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw) else _bad_date(name, raw, label)
    except ValueError:
        return _bad_date(name, raw, label)


def _bad_date(name, raw, label):
    raise InvalidParameter(name, f"{label} doit être une date au format AAAA-MM-JJ, pas « {raw[:40]} ».")


def parse_params(params, known_partners=None, synonyms=True):
    """SearchParams from a QueryDict (or dict), or InvalidParameter; with synonyms, the query is widened by the editors' list."""
    for name, value in params.items():
        if isinstance(value, str) and len(value) > MAX_QUERY_LENGTH and name != "q":
            raise InvalidParameter(name, "Valeur trop longue.")
    query = parse_query(params.get("q", ""))
    if synonyms:
        from .synonyms import expand  # reads the editors' list (models): not at import time

        query = expand(query)
    kind = params.get("type", "").strip()
    if kind and kind not in KINDS:
        raise InvalidParameter("type", f"Type inconnu « {kind[:40]} » : choisissez parmi {', '.join(KINDS)}.")
    partner = params.get("partenaire", "").strip()
    if partner and known_partners is not None and partner not in known_partners:
        raise InvalidParameter("partenaire", f"Partenaire inconnu « {partner[:40]} ».")
    sort = params.get("tri", "").strip() or "pertinence"
    if sort not in SORTS:
        raise InvalidParameter("tri", "Le tri se fait par « pertinence » ou par « date ».")
    date_from = _date(params, "du", "La date de début")
    date_to = _date(params, "au", "La date de fin")
    if date_from and date_to and date_from > date_to:
        raise InvalidParameter("au", "La date de fin précède la date de début.")
    return SearchParams(
        query=query, kind=kind, partner=partner,
        year=_integer(params, "annee", 1900, 2100, "L'année"),
        axis=_integer(params, "axe", 1, 99, "L'axe"),
        date_from=date_from, date_to=date_to, sort=sort,
        page=_integer(params, "page", 1, MAX_PAGE, "Le numéro de page") or 1,
    )

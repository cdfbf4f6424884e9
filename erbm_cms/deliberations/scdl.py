"""The SCDL « Délibérations » format (schema.data.gouv.fr, scdl/deliberations): columns and values.

`FIELD_COLUMNS` maps the columns that hold one field of a deliberation page, read by the
import (`read_fields`) and written by the export (`write_fields`); the columns that need more
(partner, subject, PREF_ID, act URL) are handled beside them in `importing` and `opendata`.
"""

import re
from datetime import datetime

from search.analysis import fold

COLUMNS = [
    "COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM",
    "DELIB_OBJET", "BUDGET_ANNEE", "BUDGET_NOM", "PREF_ID", "PREF_DATE", "VOTE_EFFECTIF", "VOTE_REEL",
    "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION", "DELIB_URL",
]
REQUIRED_FOR_IMPORT = ["DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE", "DELIB_OBJET"]
PARTNER_COLUMNS = ["COLL_NOM", "COLL_SIRET"]


# PREF_ID, as the description of the field in the official schema (2.1.5) defines it: 'PREFNNN'
# (prefecture), 'SPREFNNNM' (sub-prefecture), 'SGARNNN', where NNN is the département number on
# three characters padded with '0' ('02A', '02B' for Corsica) and M the arrondissement digit.
# The schema gives no pattern of its own: this one is read from that description.
DEPARTEMENT = r"(?:0(?:[0-9][0-9]|2[AB])|97[1-8])"
PREF_ID_PATTERN = rf"^(?:PREF{DEPARTEMENT}|SPREF{DEPARTEMENT}[0-9]|SGAR{DEPARTEMENT})$"
# An ACTES transmission number: département-SIREN-date-act number-nature (e.g. 062-200044048-20190524-2019077-DE).
ACTES_TRANSMISSION_PATTERN = r"^[0-9]{3}-[0-9]{9}-[0-9]{8}-[^-\s]+-[A-Z]{2}$"


DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]
TEXT, DATE, REQUIRED_DATE, COUNT = "text", "date", "required date", "count"

# Column -> (field of DeliberationPage, kind of value).
FIELD_COLUMNS = {
    "DELIB_OBJET": ("title", TEXT),
    "DELIB_DATE": ("session_date", REQUIRED_DATE),
    "DELIB_ID": ("number", TEXT),
    "PREF_DATE": ("prefecture_date", DATE),
    "BUDGET_ANNEE": ("budget_year", COUNT),
    "BUDGET_NOM": ("budget_name", TEXT),
    "VOTE_EFFECTIF": ("members_in_office", COUNT),
    "VOTE_REEL": ("members_present", COUNT),
    "VOTE_POUR": ("votes_for", COUNT),
    "VOTE_CONTRE": ("votes_against", COUNT),
    "VOTE_ABSTENTION": ("abstentions", COUNT),
}


class InvalidCell(ValueError):
    """A cell whose value the column cannot hold; the message says why, in French."""


def read_date(value, column, required=False):
    if not value:
        if required:
            raise InvalidCell(f"{column} est vide")
        return None
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise InvalidCell(f"{column} « {value} » n'est pas une date (AAAA-MM-JJ attendu)")


def read_count(value, column):
    if value == "":
        return None
    if not re.fullmatch(r"\d+", value):
        raise InvalidCell(f"{column} « {value} » n'est pas un nombre entier positif")
    return int(value)


def read_fields(row):
    """{field: value} of the columns of FIELD_COLUMNS in the row (a dict of stripped cells)."""
    fields = {}
    for column, (name, kind) in FIELD_COLUMNS.items():
        value = row.get(column, "")
        if kind in (DATE, REQUIRED_DATE):
            value = read_date(value, column, required=kind == REQUIRED_DATE)
        elif kind == COUNT:
            value = read_count(value, column)
        fields[name] = value
    return fields


def write_fields(page):
    """{column: cell} of the columns of FIELD_COLUMNS for a deliberation page: ISO dates, empty for none."""
    cells = {}
    for column, (name, _) in FIELD_COLUMNS.items():
        value = getattr(page, name)
        cells[column] = "" if value is None else value.isoformat() if hasattr(value, "isoformat") else str(value)
    return cells


def comparable_name(name):
    """A collectivity name for matching: no case, no accents, no punctuation."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(name or "")).split())

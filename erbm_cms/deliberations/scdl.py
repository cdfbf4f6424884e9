"""The SCDL « Délibérations » format (schema.data.gouv.fr, scdl/deliberations): columns and values."""

import re
import unicodedata

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


def comparable_name(name):
    """A collectivity name for matching: no case, no accents, no punctuation."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    ascii_only = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_only.lower()).split())

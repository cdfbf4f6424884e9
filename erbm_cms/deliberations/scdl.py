"""The SCDL « Délibérations » format (schema.data.gouv.fr, scdl/deliberations): columns and values."""

import unicodedata
import re

COLUMNS = [
    "COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM",
    "DELIB_OBJET", "BUDGET_ANNEE", "BUDGET_NOM", "PREF_ID", "PREF_DATE", "VOTE_EFFECTIF", "VOTE_REEL",
    "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION", "DELIB_URL",
]
REQUIRED_FOR_IMPORT = ["DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE", "DELIB_OBJET"]
PARTNER_COLUMNS = ["COLL_NOM", "COLL_SIRET"]


def comparable_name(name):
    """A collectivity name for matching: no case, no accents, no punctuation."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    ascii_only = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_only.lower()).split())

"""The ACTES subject nomenclature ("matières") used by prefectures and the SCDL.

The shipped table gives level 2 (N.M); level 1 is its first number. Prefectures
may subdivide level 2 further (8.5.1, up to five levels), so a deeper code is
valid when its level-2 prefix exists.
"""

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

NOMENCLATURE_FILE = Path(__file__).parent / "data" / "actes-nomenclature.tsv"
# The official level-2 labels mostly lack accents; this table gives each its accented display
# name, word by word from cited sources (see data/SOURCES.md).
DISPLAY_NAMES_FILE = Path(__file__).parent / "data" / "actes-display-names.tsv"
CODE_PATTERN = re.compile(r"^[1-9](\.[1-9][0-9]?){0,4}$")


@dataclass(frozen=True)
class Subject:
    code: str
    level1_name: str
    level2_name: str
    display_name: str = ""

    @property
    def name(self):
        """The level-2 name as people read it (accents restored)."""
        return self.display_name or self.level2_name

    @property
    def label(self):
        return f"{self.code} – {self.level1_name} / {self.name}"

    @property
    def scdl_name(self):
        """The DELIB_MATIERE_NOM value: level-1 name, a slash, level-2 name."""
        return f"{self.level1_name}/{self.name}"


def _rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@lru_cache(maxsize=1)
def subjects():
    display = {row["code"]: row["display_name"] for row in _rows(DISPLAY_NAMES_FILE)}
    return {
        row["code"]: Subject(row["code"], row["level1_name"], row["level2_name"], display.get(row["code"], ""))
        for row in _rows(NOMENCLATURE_FILE)
    }


@lru_cache(maxsize=1)
def level1_names():
    return {code.split(".")[0]: subject.level1_name for code, subject in subjects().items()}


def lookup(code):
    """The level-2 subject a code belongs to, or None (for a level-1 code too)."""
    parts = code.split(".")
    if len(parts) < 2:
        return None
    return subjects().get(".".join(parts[:2]))


def describe(code):
    """A human label for any valid code, level 1 included."""
    subject = lookup(code)
    if subject:
        return subject.label
    name = level1_names().get(code)
    return f"{code} – {name}" if name else code


def is_valid_code(code):
    if not code or not CODE_PATTERN.match(code):
        return False
    if "." not in code:
        return code in level1_names()
    return lookup(code) is not None


def choices():
    return [(code, subject.label) for code, subject in subjects().items()]

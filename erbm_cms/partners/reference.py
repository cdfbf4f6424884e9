"""The twelve partners as the sourced reference table gives them."""

import csv
from dataclasses import dataclass
from pathlib import Path

from .models import PartnerKind

REFERENCE_FILE = Path(__file__).parent / "data" / "partners.tsv"

KIND_BY_LABEL = {label: value for value, label in PartnerKind.choices}


@dataclass(frozen=True)
class PartnerRecord:
    name: str
    short_name: str
    kind: str
    siren: str
    siret: str
    seat_town: str
    website: str
    source: str


def read_partner_records(path=REFERENCE_FILE):
    with open(path, encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return [
            PartnerRecord(
                name=row["official_name"],
                short_name=row["short_name"],
                kind=KIND_BY_LABEL[row["kind"]],
                siren=row["siren"],
                siret=row["siret_head_office"],
                seat_town=row["seat_town"],
                website=row["website"],
                source=row["source"],
            )
            for row in rows
        ]

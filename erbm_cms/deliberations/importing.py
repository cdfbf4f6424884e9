"""Read deliberations from an SCDL CSV file, tolerant of the files people actually produce."""

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.core.exceptions import ValidationError
from django.db import transaction

from erbm_cms.base.csv_safety import restore
from erbm_cms.base.locking import retry_when_locked
from erbm_cms.documents.collections import collection_named
from erbm_cms.documents.confinement import PathRefused, open_inside, resolve_inside
from erbm_cms.documents.importing import prepare_file
from erbm_cms.partners.models import Partner

from .models import DeliberatingBody, DeliberationPage, PartnerDeliberationsPage
from .scdl import (
    ACTES_TRANSMISSION_PATTERN,
    PARTNER_COLUMNS,
    PREF_ID_PATTERN,
    REQUIRED_FOR_IMPORT,
    InvalidCell,
    comparable_name,
    read_fields,
)

ACTS_COLLECTION = "Actes importés"


class BadFile(Exception):
    """The CSV file as a whole cannot be read."""


class BadRow(Exception):
    """One row cannot be imported; the message says why."""


@dataclass
class RowOutcome:
    line: int
    status: str  # "créée", "déjà importée", "erreur"
    message: str = ""
    page: DeliberationPage | None = None
    warnings: list = field(default_factory=list)


def decode(raw):
    """Text of the file: UTF-8 (with or without BOM), else Windows-1252."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise BadFile("encodage inconnu : le fichier n'est ni en UTF-8 ni en Windows-1252")


def read_rows(raw):
    """(line number, row dict) for each data row; the header names are stripped and upper-cased."""
    text = decode(raw)
    if not text.strip():
        raise BadFile("le fichier est vide")
    header = text.splitlines()[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    columns = [name.strip().upper() for name in next(reader)]
    missing = [name for name in REQUIRED_FOR_IMPORT if name not in columns]
    if not any(name in columns for name in PARTNER_COLUMNS):
        missing.append("COLL_NOM ou COLL_SIRET")
    if missing:
        raise BadFile("colonnes obligatoires absentes : " + ", ".join(missing))
    rows = []
    for values in reader:
        line = reader.line_num
        if not any(value.strip() for value in values):
            continue
        if len(values) > len(columns):
            rows.append((line, None))
            continue
        rows.append((line, {name: restore(value.strip()) for name, value in zip(columns, values)}))
    return rows


class PartnerDirectory:
    def __init__(self):
        self.partners = list(Partner.objects.all())
        self.by_siret = {p.siret: p for p in self.partners if p.siret}
        self.by_name = {}
        for partner in self.partners:
            for name in (partner.name, partner.short_name):
                self.by_name.setdefault(comparable_name(name), partner)

    def find(self, row):
        siret = re.sub(r"\D", "", row.get("COLL_SIRET", ""))
        if siret and siret in self.by_siret:
            return self.by_siret[siret]
        partner = self.by_name.get(comparable_name(row.get("COLL_NOM", "")))
        if partner is None:
            raise BadRow(
                f"collectivité inconnue : SIRET « {row.get('COLL_SIRET', '')} », nom « {row.get('COLL_NOM', '')} » "
                "ne correspondent à aucun des 12 partenaires"
            )
        return partner


def act_names(row):
    """(column, file name) for the act of the row: the end of DELIB_URL, then <DELIB_ID>.pdf."""
    names = []
    url = row.get("DELIB_URL", "")
    if url:
        # A URL gives its last segment; a bare value is taken whole, so that a path in it is seen and refused.
        value = urlparse(url).path.rstrip("/").rsplit("/", 1)[-1] if "://" in url else url
        if value:
            names.append(("DELIB_URL", unquote(value)))
    names.append(("DELIB_ID", f"{row['DELIB_ID']}.pdf"))
    return names


def find_act(folder, row):
    """The act file of the row inside `folder` (None if absent); BadRow for a name that leaves the folder."""
    if folder is None:
        return None
    names = act_names(row)
    for column, name in names:
        try:
            found = resolve_inside(folder, name)
        except PathRefused as error:
            raise BadRow(f"{column} : fichier « {printable(name)} » refusé, {error} (dossier des actes : {folder})") from error
        if found is not None:
            return found
    lowered = {name.lower() for _, name in names}
    for entry in sorted(Path(folder).iterdir()):
        if entry.name.lower() in lowered:
            try:
                return resolve_inside(folder, entry.name)
            except PathRefused as error:
                raise BadRow(f"fichier « {printable(entry.name)} » refusé, {error} (dossier des actes : {folder})") from error
    return None


def printable(name):
    """A file name as it can be shown in a message: control characters as escapes, cut to 120 characters."""
    shown = "".join(char if char.isprintable() else repr(char)[1:-1] for char in name)
    return shown if len(shown) <= 120 else shown[:119] + "…"


def legality_control_ids(value, warnings):
    """PREF_ID as SCDL defines it (PREF059…); an ACTES transmission number found there goes to its own field."""
    if not value:
        return {}
    if re.match(PREF_ID_PATTERN, value.upper()):
        return {"prefecture_id": value.upper()}
    if re.match(ACTES_TRANSMISSION_PATTERN, value):
        warnings.append(
            f"PREF_ID « {value} » est un numéro de transmission ACTES, pas l'identifiant de la préfecture : "
            "il est enregistré comme numéro de transmission et PREF_ID reste vide"
        )
        return {"transmission_id": value}
    raise BadRow(
        f"PREF_ID « {value} » n'est pas un identifiant de contrôle de légalité SCDL "
        "(PREF suivi du département sur trois caractères, SPREF…, SGAR… ; ou laisser vide)"
    )


def validation_message(error):
    labels = {f.name: f.verbose_name for f in DeliberationPage._meta.fields}
    labels["title"] = "objet"
    parts = []
    for name, messages in error.message_dict.items():
        prefix = "" if name == "__all__" else f"{labels.get(name, name)} : "
        parts.extend(prefix + message for message in messages)
    return " ; ".join(parts)


class DeliberationImporter:
    def __init__(self, files_folder=None):
        self.files_folder = files_folder
        self.partners = PartnerDirectory()
        self.collection = collection_named(ACTS_COLLECTION) if files_folder else None

    def import_row(self, line, row):
        if row is None:
            return RowOutcome(line, "erreur", "plus de valeurs que de colonnes (séparateur ou guillemets mal placés ?)")
        prepared = None
        try:
            partner, number = self.partners.find(row), row["DELIB_ID"]
            if not number:
                raise BadRow("DELIB_ID est vide")
            existing = DeliberationPage.objects.filter(partner=partner, number__iexact=number).first()
            if existing is not None:
                return RowOutcome(line, "déjà importée", f"{partner.short_name} n° {existing.number}", existing)
            act = find_act(self.files_folder, row)
            if act is not None:
                prepared = self.prepare_act(act)
            outcome = self._import_row_in_transaction(line, row, partner, number, prepared)
            prepared = None  # adopted by the committed row
            return outcome
        except BadRow as error:
            return RowOutcome(line, "erreur", str(error))
        except ValidationError as error:
            return RowOutcome(line, "erreur", validation_message(error))
        finally:
            if prepared is not None:
                prepared.discard()

    @retry_when_locked
    def _import_row_in_transaction(self, *args):
        # One short transaction per row, started again if SQLite stayed locked by another writer.
        with transaction.atomic():
            return self._import_row(*args)

    def prepare_act(self, path):
        try:
            return prepare_file(path, require_pdf=True, opener=lambda p, mode: open_inside(p))
        except ValidationError as error:
            raise BadRow(f"l'acte « {printable(path.name)} » est refusé : {error.messages[0]}") from error
        except (OSError, PathRefused) as error:
            raise BadRow(f"l'acte « {printable(path.name)} » ne peut pas être lu : {getattr(error, 'strerror', None) or error}") from error

    def _import_row(self, line, row, partner, number, prepared):
        warnings = []
        section = PartnerDeliberationsPage.objects.filter(partner=partner).first()
        if section is None:
            raise BadRow(f"{partner.name} n'a pas de rubrique de délibérations sur le site")
        try:
            fields = read_fields(row)
        except InvalidCell as error:
            raise BadRow(str(error)) from error
        page = DeliberationPage(
            **fields,
            partner=partner,
            deliberating_body=DeliberatingBody.usual_for(partner.kind),
            actes_code=row["DELIB_MATIERE_CODE"],
            **legality_control_ids(row.get("PREF_ID", ""), warnings),
        )
        if not page.title:
            raise BadRow("DELIB_OBJET est vide")
        outcome = RowOutcome(line, "créée", f"{partner.short_name} n° {number}", page, warnings)
        if prepared is not None:
            page.act_document = prepared.document(self.collection, title=f"{partner.short_name} – délibération n° {number}")
        else:
            outcome.warnings.append(f"acte PDF introuvable ({printable(act_names(row)[0][1])}) : délibération créée sans acte")
        section.add_child(instance=page)
        page.save_revision().publish()
        return outcome

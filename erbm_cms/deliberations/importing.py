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
from erbm_cms.documents.collections import collection_named, existing_collection
from erbm_cms.documents.confinement import PathRefused, open_inside, resolve_inside
from erbm_cms.documents.fingerprint import sha256_of
from erbm_cms.documents.importing import prepare_file
from erbm_cms.documents.models import ArchiveDocument
from erbm_cms.documents.validators import validate_pdf_content
from erbm_cms.partners.models import Partner
from erbm_cms.records.choosing import choosable_documents
from erbm_cms.records.groups import partner_collection_name

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
    """Text of the file: UTF-8 (with or without BOM), else Windows-1252 (a UTF-8 BOM some editors add to it dropped)."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.removeprefix(b"\xef\xbb\xbf").decode(encoding)
        except UnicodeDecodeError:
            continue
    raise BadFile("encodage inconnu : le fichier n'est ni en UTF-8 ni en Windows-1252")


# The longest cell of a CSV file read (Python's default limit).
FIELD_LIMIT = 131_072


def read_rows(raw):
    """(line number, row dict) for each data row; the header names are stripped and upper-cased."""
    text = decode(raw)
    if not text.strip():
        raise BadFile("le fichier est vide")
    header = text.splitlines()[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    # The limit is the process's: set it for this read, whatever a library set before.
    previous = csv.field_size_limit(FIELD_LIMIT)
    try:
        columns = [name.strip().upper() for name in next(reader)]
        return list(data_rows(reader, columns))
    except csv.Error as error:
        raise BadFile(f"ligne {reader.line_num} illisible ({unreadable_reason(error)})") from error
    finally:
        csv.field_size_limit(previous)


def unreadable_reason(error):
    if "field larger than field limit" in str(error):
        return f"un champ dépasse {FIELD_LIMIT:_} caractères".replace("_", "\u202f")
    return "guillemets ou caractères de fin de ligne mal placés"


def data_rows(reader, columns):
    """(line number, row dict) for each non-blank row after the header; None for a row with too many values."""
    missing = [name for name in REQUIRED_FOR_IMPORT if name not in columns]
    if not any(name in columns for name in PARTNER_COLUMNS):
        missing.append("COLL_NOM ou COLL_SIRET")
    if missing:
        raise BadFile("colonnes obligatoires absentes : " + ", ".join(missing))
    for values in reader:
        line = reader.line_num
        if not any(value.strip() for value in values):
            continue
        if len(values) > len(columns):
            yield line, None
            continue
        yield line, {name: restore(value.strip()) for name, value in zip(columns, values)}


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
            raise BadRow(f"{column} : fichier « {printable(name)} » refusé, {error}") from error
        if found is not None:
            return found
    lowered = {name.lower() for _, name in names}
    for entry in sorted(Path(folder).iterdir()):
        if entry.name.lower() in lowered:
            try:
                return resolve_inside(folder, entry.name)
            except PathRefused as error:
                raise BadRow(f"fichier « {printable(entry.name)} » refusé, {error}") from error
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


TOO_MANY_VALUES = "plus de valeurs que de colonnes (séparateur ou guillemets mal placés ?)"


class DeliberationImporter:
    """Creates the deliberations of SCDL rows, one short transaction per row.

    Without `user` (the command line) every row is published. With `user` (an import from the
    admin), a row is accepted only in a partner's section where that user may add pages; it is
    published if the user may publish there, otherwise submitted to the section's review workflow;
    its act goes into the partner's document collection, and an act whose content is already in
    the archive is reused only if the user may attach that document.
    """

    def __init__(self, files_folder=None, user=None):
        self.files_folder = files_folder
        self.user = user
        self.partners = PartnerDirectory()
        self.collection = collection_named(ACTS_COLLECTION) if files_folder else None

    def import_row(self, line, row):
        if row is None:
            return RowOutcome(line, "erreur", TOO_MANY_VALUES)
        prepared = None
        try:
            partner, number, section, existing = self.locate(row)
            if existing is not None:
                return RowOutcome(line, "déjà importée", f"{partner.short_name} n° {existing.number}", existing)
            act = find_act(self.files_folder, row)
            if act is not None:
                prepared = self.prepare_act(act)
            outcome = self._import_row_in_transaction(line, row, partner, number, section, prepared)
            prepared = None  # adopted by the committed row
            return outcome
        except BadRow as error:
            return RowOutcome(line, "erreur", str(error))
        except ValidationError as error:
            return RowOutcome(line, "erreur", validation_message(error))
        finally:
            if prepared is not None:
                prepared.discard()

    def check_row(self, line, row):
        """What `import_row` would do with the row, writing nothing: « sera créée », « déjà présente » or « erreur »."""
        if row is None:
            return RowOutcome(line, "erreur", TOO_MANY_VALUES)
        try:
            partner, number, section, existing = self.locate(row)
            if existing is not None:
                return RowOutcome(line, "déjà présente", f"{partner.short_name} n° {existing.number}", existing)
            act = find_act(self.files_folder, row)
            if act is not None:
                self.check_act(act)
            page, outcome = self._build_page(line, row, partner, number, has_act=act is not None)
            page._cached_parent_obj = section
            page.full_clean(exclude=["path", "depth", "numchild"])
            outcome.status = "sera créée"
            return outcome
        except BadRow as error:
            return RowOutcome(line, "erreur", str(error))
        except ValidationError as error:
            return RowOutcome(line, "erreur", validation_message(error))

    def locate(self, row):
        """(partner, DELIB_ID, section, the deliberation already there or None) of a row the importer may write."""
        partner, number = self.partners.find(row), row["DELIB_ID"]
        if not number:
            raise BadRow("DELIB_ID est vide")
        section = PartnerDeliberationsPage.objects.filter(partner=partner).first()
        if section is None:
            raise BadRow(f"{partner.name} n'a pas de rubrique de délibérations sur le site")
        if self.user is not None and not section.permissions_for_user(self.user).can_add_subpage():
            # Checked before looking for the number: nothing is said of another partner's deliberations.
            raise BadRow(
                f"la ligne concerne {partner.name} : votre compte ne peut importer que dans la rubrique "
                "de son partenaire ; cette ligne n'est pas importée"
            )
        existing = DeliberationPage.objects.filter(partner=partner, number__iexact=number).first()
        return partner, number, section, existing

    @retry_when_locked
    def _import_row_in_transaction(self, *args):
        # One short transaction per row, started again if SQLite stayed locked by another writer.
        with transaction.atomic():
            outcome = self._import_row(*args)
            self.written(outcome)
            return outcome

    def written(self, outcome):
        """Called with each created row inside its transaction (an admin import job records it there)."""

    def prepare_act(self, path):
        try:
            prepared = prepare_file(path, require_pdf=True, opener=lambda p, mode: open_inside(p))
        except ValidationError as error:
            raise BadRow(f"l'acte « {printable(path.name)} » est refusé : {error.messages[0]}") from error
        except (OSError, PathRefused) as error:
            raise BadRow(f"l'acte « {printable(path.name)} » ne peut pas être lu : {getattr(error, 'strerror', None) or error}") from error
        if prepared.existing is not None and not self.may_attach(prepared.existing):
            prepared.discard()
            raise BadRow(self.not_attachable(path))
        return prepared

    def check_act(self, path):
        """The checks of `prepare_act`, without copying the file."""
        try:
            with open_inside(path) as handle:
                validate_pdf_content(handle)
                digest = sha256_of(handle)
        except ValidationError as error:
            raise BadRow(f"l'acte « {printable(path.name)} » est refusé : {error.messages[0]}") from error
        except (OSError, PathRefused) as error:
            raise BadRow(f"l'acte « {printable(path.name)} » ne peut pas être lu : {getattr(error, 'strerror', None) or error}") from error
        existing = ArchiveDocument.objects.filter(sha256=digest).order_by("pk").first()
        if existing is not None and not self.may_attach(existing):
            raise BadRow(self.not_attachable(path))

    def may_attach(self, document):
        return self.user is None or choosable_documents(self.user).filter(pk=document.pk).exists()

    @staticmethod
    def not_attachable(path):
        # The other document is not named: it may be another partner's draft or restricted act.
        return (
            f"l'acte « {printable(path.name)} » est déjà dans l'archive, dans un document que votre compte "
            "ne peut pas joindre ; demandez à la délégation"
        )

    def collection_for(self, partner):
        if self.user is not None:
            own = existing_collection(partner_collection_name(partner))
            if own is not None:
                return own
        return self.collection

    def _build_page(self, line, row, partner, number, has_act):
        """The unsaved page of a row and its outcome (warnings included); BadRow for a value that cannot be read."""
        warnings = []
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
        if not has_act:
            warnings.append(f"acte PDF introuvable ({printable(act_names(row)[0][1])}) : délibération créée sans acte")
        return page, RowOutcome(line, "créée", f"{partner.short_name} n° {number}", page, warnings)

    def _import_row(self, line, row, partner, number, section, prepared):
        page, outcome = self._build_page(line, row, partner, number, has_act=prepared is not None)
        if prepared is not None:
            title = f"{partner.short_name} – délibération n° {number}"
            page.act_document = prepared.document(self.collection_for(partner), title=title)
        publish = self.user is None or section.permissions_for_user(self.user).can_publish_subpage()
        page.live = publish  # as the admin's create view: a page its author may not publish starts as a draft
        section.add_child(instance=page)
        revision = page.save_revision(user=self.user)
        if publish:
            revision.publish(user=self.user)
        else:
            workflow = page.get_workflow()
            if workflow is not None:
                workflow.start(page, self.user)
                outcome.message += " — soumise à la validation de la délégation"
            else:
                outcome.message += " — brouillon, à publier"
        return outcome

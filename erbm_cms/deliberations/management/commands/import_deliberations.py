import sys
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from erbm_cms.base.priority import BackgroundCommand
from erbm_cms.base.progress import ProgressBar
from erbm_cms.deliberations.importing import BadFile, DeliberationImporter, read_rows
from erbm_cms.documents import staging
from erbm_cms.documents.bulk_extraction import default_jobs, extract_all
from erbm_cms.documents.models import ExtractionStatus
from erbm_cms.documents.queueing import deferred_extraction


class Command(BackgroundCommand, BaseCommand):
    help = (
        "Crée des délibérations à partir d'un fichier CSV au format SCDL « Délibérations » (UTF-8 ou Windows-1252, "
        "séparateur ; ou ,), l'acte PDF de chacune étant pris dans --files. Une délibération déjà présente "
        "(même partenaire, même DELIB_ID) n'est pas recréée ; une ligne en erreur est signalée et les autres continuent."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv_file", metavar="FICHIER.csv")
        parser.add_argument("--files", metavar="DOSSIER", help="dossier des actes PDF")
        parser.add_argument("--jobs", type=int, default=default_jobs(), help="extractions simultanées")

    def handle(self, *args, csv_file, files, jobs, **options):
        if files and not Path(files).is_dir():
            raise CommandError(f"Le dossier des actes n'existe pas : {files}")
        try:
            rows = read_rows(Path(csv_file).read_bytes())
        except OSError as error:
            raise CommandError(f"Lecture impossible de {csv_file} : {error.strerror or error}") from error
        except BadFile as error:
            raise CommandError(f"{csv_file} : {error}") from error

        for name in staging.sweep():
            self.stdout.write(f"fichier laissé par un import interrompu, supprimé : {name}")
        importer = DeliberationImporter(files)
        interrupted = []
        progress = ProgressBar(len(rows), "Import", stream=sys.stderr)
        counts = Counter()
        with deferred_extraction() as new_documents:
            for line, row in rows:
                outcome = importer.import_row(line, row)
                counts[outcome.status] += 1
                act = outcome.page.act_document if outcome.status == "déjà importée" else None
                if act is not None and act.extraction_status == ExtractionStatus.PENDING:
                    interrupted.append(act)
                progress.clear()
                self.stdout.write(f"ligne {outcome.line} : {outcome.status}" + (f" — {outcome.message}" if outcome.message else ""))
                for warning in outcome.warnings:
                    self.stdout.write(f"ligne {outcome.line} : attention — {warning}")
                progress.advance()
        progress.finish()
        if interrupted:
            self.stdout.write(f"{len(interrupted)} acte(s) déjà importé(s) dont le texte restait à extraire (import interrompu)")
        to_extract = list({document.pk: document for document in new_documents + interrupted}.values())
        if to_extract:
            self.stdout.write(f"Extraction du texte de {len(to_extract)} acte(s)…")
            extract_all(to_extract, jobs=jobs)
        self.stdout.write(
            f"{len(rows)} ligne(s) : {counts['créée']} créée(s), {counts['déjà importée']} déjà importée(s), "
            f"{counts['erreur']} en erreur"
        )
        if counts["erreur"]:
            raise CommandError(f"{counts['erreur']} ligne(s) en erreur.", returncode=1)

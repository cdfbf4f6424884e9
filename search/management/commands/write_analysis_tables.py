import pprint
import uuid
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from search.engines.elasticsearch import ElasticsearchEngine

TARGET = Path(__file__).resolve().parents[2] / "lucene_tables.py"
SEPARATOR = "\n"
CHUNK = 20_000


def code_points(last):
    return [chr(code) for code in range(0x80, last + 1) if not 0xD800 <= code <= 0xDFFF and chr(code) != SEPARATOR]


class Command(BaseCommand):
    help = (
        "Écrit search/lucene_tables.py : la mise en minuscules et le repli ASCII (asciifolding) de Lucene, "
        "caractère par caractère, lus sur le serveur Elasticsearch donné, pour que l'analyseur Python "
        "donne exactement les mêmes mots."
    )

    def add_arguments(self, parser):
        parser.add_argument("url", help="l'adresse du serveur, par exemple http://127.0.0.1:9200")

    def handle(self, url, **options):
        engine = ElasticsearchEngine(url, timeout=60)
        index = f"erbm-tables-{uuid.uuid4().hex[:8]}"
        engine.client.indices.create(index=index, settings={"analysis": {"normalizer": {
            "lower": {"type": "custom", "filter": ["lowercase"]},
            "fold": {"type": "custom", "filter": ["asciifolding"]},
        }}})
        try:
            # Lucene lowers whole code points; ASCIIFoldingFilter only maps characters of the BMP.
            lower = self.table(engine, index, "lower", code_points(0x1FFFF))
            fold = self.table(engine, index, "fold", code_points(0xFFFF))
        finally:
            engine.client.indices.delete(index=index)
        version = next(iter(engine.client.nodes.info()["nodes"].values()))["version"]
        TARGET.write_text(
            f'"""Per-character tables of Lucene\'s LowerCaseFilter and ASCIIFoldingFilter (Elasticsearch {version}).\n\n'
            "Written by `manage.py write_analysis_tables URL` from a live server; only the characters that\n"
            'change are listed. Used by search.analysis to cut and fold words exactly as the server does.\n"""\n\n'
            f"LOWER = {pprint.pformat(lower, width=110)}\n\nFOLD = {pprint.pformat(fold, width=110)}\n",
            encoding="utf-8",
        )
        self.stdout.write(f"{TARGET}: {len(lower)} minuscules, {len(fold)} replis.")

    @staticmethod
    def table(engine, index, normalizer, chars):
        changed = {}
        for start in range(0, len(chars), CHUNK):
            piece = chars[start:start + CHUNK]
            response = engine.client.indices.analyze(index=index, normalizer=normalizer, text=SEPARATOR.join(piece))
            [token] = response["tokens"]
            outputs = token["token"].split(SEPARATOR)
            if len(outputs) != len(piece):
                raise CommandError(f"{normalizer}: {len(outputs)} sorties pour {len(piece)} caractères")
            changed.update({char: out for char, out in zip(piece, outputs) if out != char})
        return changed

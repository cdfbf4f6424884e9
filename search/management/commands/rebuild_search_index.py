import sys

from django.core.management.base import BaseCommand

from erbm_cms.base.progress import ProgressBar
from search import sync


class Command(BaseCommand):
    help = (
        "Reconstruit l'index de recherche à partir des pages publiées : l'index de la base de données, "
        "puis, si ELASTICSEARCH_URL est défini, un nouvel index Elasticsearch mis en service par alias."
    )

    def handle(self, *args, **options):
        bar = None

        def progress(done, total):
            nonlocal bar
            if bar is None or bar.total != total or done < bar.done:
                if bar is not None:
                    bar.finish()
                bar = ProgressBar(total, "Indexation", stream=sys.stderr)
            bar.done = done
            bar.draw()

        count = sync.rebuild(progress)
        if bar is not None:
            bar.finish()
        self.stdout.write(self.style.SUCCESS(f"Index de recherche reconstruit : {count} enregistrement(s)."))

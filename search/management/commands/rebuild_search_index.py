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
        bars = []

        def progress_for(label):
            def progress(done, total):
                if not bars or bars[-1].label != label:
                    bars.append(ProgressBar(total, label, stream=sys.stderr))
                bar = bars[-1]
                bar.done = done
                bar.draw()
                if done == total:
                    bar.finish()
            return progress

        count = sync.rebuild(progress_for)
        for bar in bars:
            bar.finish()
            sys.stderr.write(bar.summary() + "\n")
        self.stdout.write(self.style.SUCCESS(f"Index de recherche reconstruit : {count} enregistrement(s)."))

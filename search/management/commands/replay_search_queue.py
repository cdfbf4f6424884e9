from django.core.management.base import BaseCommand, CommandError

from search.engines.base import EngineUnavailable
from search.models import PendingIndexOperation
from search.sync import replay_pending


class Command(BaseCommand):
    help = "Envoie à Elasticsearch les modifications d'index mises en attente pendant son indisponibilité."

    def handle(self, *args, **options):
        waiting = PendingIndexOperation.objects.count()
        try:
            done = replay_pending()
        except EngineUnavailable as error:
            left = PendingIndexOperation.objects.count()
            raise CommandError(f"Elasticsearch toujours injoignable ({error}) : {left} modification(s) en attente.") from error
        self.stdout.write(f"{done} modification(s) rejouée(s) sur {waiting} en attente.")

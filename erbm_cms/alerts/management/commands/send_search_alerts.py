from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from search.query import InvalidParameter

from ...digest import message, new_records
from ...models import SavedSearch


class Command(BaseCommand):
    help = ("Envoie le courriel quotidien de chaque alerte de recherche : les enregistrements publiés depuis "
            "le dernier envoi qui répondent à la recherche suivie (à lancer chaque jour par cron).")

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default=settings.WAGTAILADMIN_BASE_URL,
                            help="adresse du site dans les liens des courriels (défaut : WAGTAILADMIN_BASE_URL)")

    def handle(self, *args, base_url, **options):
        until = timezone.now()
        sent = checked = failed = 0
        alerts = SavedSearch.objects.select_related("user").filter(user__is_active=True).exclude(user__email="")
        for saved in alerts:
            checked += 1
            try:
                hits = new_records(saved, saved.checked_at, until)
            except InvalidParameter as error:
                failed += 1
                self.stderr.write(f"alerte {saved.pk} ({saved.label}) ignorée : {error.message}")
                continue
            if hits:
                try:
                    message(saved, hits, base_url).send()
                except OSError as error:  # the mail server refused or is down: retried at the next run
                    failed += 1
                    self.stderr.write(f"alerte {saved.pk} : courriel non envoyé ({error}), nouvel essai au prochain passage")
                    continue
                sent += 1
            SavedSearch.objects.filter(pk=saved.pk).update(checked_at=until)
        self.stdout.write(f"{checked} alerte(s) vérifiée(s), {sent} courriel(s) envoyé(s), {failed} en échec.")
        if failed:
            raise SystemExit(1)

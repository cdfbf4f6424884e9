from django.core.management.base import BaseCommand

from erbm_cms.demo.loader import DemoLoader


class Command(BaseCommand):
    help = "Construit le site de démonstration à partir des publications d'origine (sans effet s'il existe déjà)."

    def handle(self, *args, **options):
        created = DemoLoader(log=lambda message: self.stdout.write(f"  {message}")).run()
        if created:
            self.stdout.write(self.style.SUCCESS(f"Contenu de démonstration chargé : {created} éléments créés."))
        else:
            self.stdout.write("Contenu de démonstration déjà en place : rien à créer.")

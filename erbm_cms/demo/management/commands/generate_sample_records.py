import datetime
import random
import sys

from django.core.management.base import BaseCommand
from django.db import transaction

from erbm_cms.base.progress import ProgressBar
from erbm_cms.deliberations.models import DeliberatingBody, DeliberationPage, PartnerDeliberationsPage
from erbm_cms.news.models import CommuniquePage, NewsIndexPage

WORDS = ("réhabilitation logements cités minières insertion emploi mobilité santé patrimoine friches "
         "transition énergétique formation jeunesse culture tourisme écoconstruction quartier habitants").split()


class Command(BaseCommand):
    help = (
        "Ajoute des enregistrements fictifs en nombre (communiqués et délibérations marqués comme exemples), "
        "pour mesurer les performances (bench/pages.py). Ne pas utiliser sur un site réel."
    )

    def add_arguments(self, parser):
        parser.add_argument("--communiques", type=int, default=4000)
        parser.add_argument("--deliberations", type=int, default=6000)

    def handle(self, *args, communiques, deliberations, **options):
        rng = random.Random(2017)
        news = NewsIndexPage.objects.get()
        sections = list(PartnerDeliberationsPage.objects.select_related("partner"))
        bar = ProgressBar(communiques + deliberations, "Génération", stream=sys.stderr)
        start = datetime.date(2017, 3, 7)
        with transaction.atomic():
            for n in range(communiques):
                words = " ".join(rng.sample(WORDS, 6))
                news.add_child(instance=CommuniquePage(
                    title=f"Exemple généré n° {n} : {words}", slug=f"exemple-genere-{n}",
                    date=start + datetime.timedelta(days=rng.randint(0, 3000)), kind="article",
                    lead=f"Communiqué fictif généré pour les mesures de performance : {words}.",
                    source="Exemple généré, sans valeur d'information.",
                ))
                bar.advance()
            for n in range(deliberations):
                section = sections[n % len(sections)]
                words = " ".join(rng.sample(WORDS, 5))
                section.add_child(instance=DeliberationPage(
                    title=f"Délibération fictive n° {n} : {words}", slug=f"deliberation-fictive-{n}",
                    partner=section.partner, deliberating_body=DeliberatingBody.usual_for(section.partner.kind),
                    session_date=start + datetime.timedelta(days=rng.randint(0, 3000)), number=f"GEN-{n}",
                    actes_code=rng.choice(["8.5", "8.6", "8.7", "7.5", "5.3"]), is_sample=True,
                ))
                bar.advance()
        bar.finish()
        self.stdout.write(f"{communiques} communiqués et {deliberations} délibérations fictifs ajoutés.")

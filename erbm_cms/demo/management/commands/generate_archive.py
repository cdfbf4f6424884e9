import datetime
import hashlib
import random
import sys

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Collection

from erbm_cms.base.progress import ProgressBar
from erbm_cms.deliberations.models import DeliberatingBody, DeliberationPage, PartnerDeliberationsPage
from erbm_cms.demo.archive_text import SUBJECTS, ArchiveText
from erbm_cms.demo.pdf import render_pdf
from erbm_cms.documents.models import ArchiveDocument, DocumentPage, ExtractionStatus
from erbm_cms.news.models import CommuniquePage, NewsIndexPage

BATCH = 500
FIRST_DAY = datetime.date(2015, 1, 1)
DAYS = 3652  # ten years
SHARED_FILE = "documents/acte-genere-pour-les-mesures.pdf"


class Command(BaseCommand):
    help = (
        "Ajoute une archive fictive de N enregistrements (délibérations des 12 partenaires sur dix ans, dont le texte "
        "est surtout celui des pages de leur acte en PDF, et communiqués), pour mesurer la recherche "
        "(bench/search.py). Ne pas utiliser sur un site réel."
    )

    def add_arguments(self, parser):
        parser.add_argument("--records", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=2017)

    def handle(self, *args, records, seed, **options):
        rng = random.Random(seed)
        text = ArchiveText(seed)
        sections = list(PartnerDeliberationsPage.objects.select_related("partner").order_by("pk"))
        news = NewsIndexPage.objects.get()
        shared = self.shared_file()
        offset = (DeliberationPage.objects.filter(number__startswith="ARCH-").count()
                  + CommuniquePage.objects.filter(slug__startswith="communique-archive-").count())
        bar = ProgressBar(records, "Génération", stream=sys.stderr)
        # Wagtail's own index is built afterwards (update_index), as the benchmark measures it.
        backends = {"default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}}
        with override_settings(WAGTAILSEARCH_BACKENDS=backends):
            for start in range(offset, offset + records, BATCH):
                with transaction.atomic():
                    for n in range(start, min(start + BATCH, offset + records)):
                        self.record(n, rng, text, sections, news, shared)
                        bar.advance()
        bar.finish()
        self.stdout.write(f"{records} enregistrements fictifs ajoutés.")

    @staticmethod
    def shared_file():
        """One real PDF, shared by every generated act (the generated page texts stand for its extracted text)."""
        content = render_pdf("Acte généré pour les mesures de performance", [("", ["Exemple fictif, sans valeur juridique."])])
        if not default_storage.exists(SHARED_FILE):
            default_storage.save(SHARED_FILE, ContentFile(content))
        return SHARED_FILE, hashlib.sha256(content).hexdigest(), len(content)

    def record(self, n, rng, text, sections, news, shared):
        day = FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS))
        subject = rng.choice(SUBJECTS)
        words = rng.randint(300, 3000)
        if n % 10 == 9:
            summary, pages = text.deliberation(subject, day.year, min(words, 900))
            body = "".join(f"<p>{page}</p>" for page in pages)
            news.add_child(instance=CommuniquePage(
                title=f"Communiqué n° {n} : {subject}", slug=f"communique-archive-{n}", date=day, kind="communique",
                lead=summary, body=[("paragraph", body)], source="Exemple généré, sans valeur d'information.",
            ))
            return
        section = sections[n % len(sections)]
        summary, pages = text.deliberation(subject, day.year, words)
        path, sha256, size = shared
        document = ArchiveDocument(
            title=f"Acte ARCH-{n}", file=path, collection=Collection.get_first_root_node(), sha256=sha256,
            file_size=size, page_count=len(pages), extraction_status=ExtractionStatus.OK, extracted_at=timezone.now(),
        )
        ArchiveDocument.objects.bulk_create([document])
        DocumentPage.objects.bulk_create(
            [DocumentPage(document=document, number=number, text=page) for number, page in enumerate(pages, 1)]
        )
        section.add_child(instance=DeliberationPage(
            title=f"Délibération ARCH-{n} : {subject}", slug=f"deliberation-archive-{n}", partner=section.partner,
            deliberating_body=DeliberatingBody.usual_for(section.partner.kind), session_date=day,
            number=f"ARCH-{n}", actes_code=rng.choice(["8.5", "8.6", "8.7", "7.5", "5.3", "3.1", "1.4"]),
            summary=f"<p>{summary}</p>", act_document=document, is_sample=True,
        ))

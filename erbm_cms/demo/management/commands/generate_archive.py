import datetime
import hashlib
import random
import sys
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Collection, Page

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
        "Ajoute une archive fictive de N enregistrements publiés (délibérations des 12 partenaires sur dix ans, "
        "dont le texte est surtout celui des pages de leur acte en PDF, et communiqués), pour mesurer la recherche "
        "(bench/search.py). Les pages sont écrites par lots, sans révisions ni index de références, et l'index "
        "de recherche n'est pas mis à jour (rebuild_search_index). Ne pas utiliser sur un site réel."
    )

    def add_arguments(self, parser):
        parser.add_argument("--records", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=2017)

    def handle(self, *args, records, seed, **options):
        self.rng = random.Random(seed)
        self.text = ArchiveText(seed)
        self.sections = list(PartnerDeliberationsPage.objects.select_related("partner").order_by("pk"))
        self.news = NewsIndexPage.objects.get()
        self.shared = self.shared_file()
        self.collection = Collection.get_first_root_node()
        offset = (DeliberationPage.objects.filter(number__startswith="ARCH-").count()
                  + CommuniquePage.objects.filter(slug__startswith="communique-archive-").count())
        bar = ProgressBar(records, "Génération", stream=sys.stderr)
        for start in range(offset, offset + records, BATCH):
            numbers = range(start, min(start + BATCH, offset + records))
            with transaction.atomic():
                self.batch(numbers)
            bar.advance(len(numbers))
        bar.finish()
        self.stdout.write(f"{records} enregistrements fictifs ajoutés.")

    @staticmethod
    def shared_file():
        """One real PDF, shared by every generated act (the generated page texts stand for its extracted text)."""
        content = render_pdf("Acte généré pour les mesures de performance", [("", ["Exemple fictif, sans valeur juridique."])])
        if not default_storage.exists(SHARED_FILE):
            default_storage.save(SHARED_FILE, ContentFile(content))
        return SHARED_FILE, hashlib.sha256(content).hexdigest(), len(content)

    def batch(self, numbers):
        children, documents, pages = defaultdict(list), [], []
        for n in numbers:
            parent, page, acts = self.record(n)
            children[parent].append(page)
            if acts:
                documents.append((page, acts))
        path, sha256, size = self.shared
        now = timezone.now()
        acts = [ArchiveDocument(
            title=f"Acte {page.number}", file=path, collection=self.collection, sha256=sha256, file_size=size,
            page_count=len(texts), extraction_status=ExtractionStatus.OK, extracted_at=now,
        ) for page, texts in documents]
        ArchiveDocument.objects.bulk_create(acts)
        for act, (page, texts) in zip(acts, documents):
            page.act_document = act
            pages += [DocumentPage(document=act, number=number, text=text) for number, text in enumerate(texts, 1)]
        DocumentPage.objects.bulk_create(pages, batch_size=1000)
        for parent, instances in children.items():
            add_children(parent, instances)

    def record(self, n):
        """(parent page, unsaved page, page texts of its act) of record n."""
        rng, text = self.rng, self.text
        day = FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS))
        subject = rng.choice(SUBJECTS)
        words = rng.randint(300, 3000)
        if n % 10 == 9:
            summary, pages = text.deliberation(subject, day.year, min(words, 900))
            return self.news, CommuniquePage(
                title=f"Communiqué n° {n} : {subject}", slug=f"communique-archive-{n}", date=day, kind="communique",
                lead=summary, body=[("paragraph", "".join(f"<p>{page}</p>" for page in pages))],
                source="Exemple généré, sans valeur d'information.",
            ), None
        section = self.sections[n % len(self.sections)]
        summary, pages = text.deliberation(subject, day.year, words)
        return section, DeliberationPage(
            title=f"Délibération ARCH-{n} : {subject}", slug=f"deliberation-archive-{n}", partner=section.partner,
            deliberating_body=DeliberatingBody.usual_for(section.partner.kind), session_date=day,
            number=f"ARCH-{n}", actes_code=rng.choice(["8.5", "8.6", "8.7", "7.5", "5.3", "3.1", "1.4"]),
            summary=f"<p>{summary}</p>", is_sample=True,
        ), pages


def add_children(parent, instances):
    """Publish new pages of one type under `parent` in a few statements, as treebeard's add_child would place them."""
    model = type(instances[0])
    last = parent.get_last_child()
    first_step = Page._str2int(last.path[-Page.steplen:]) + 1 if last else 1
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    bases = [Page(
        path=Page._get_path(parent.path, parent.depth + 1, first_step + index), depth=parent.depth + 1, numchild=0,
        title=page.title, draft_title=page.title, slug=page.slug, url_path=f"{parent.url_path}{page.slug}/",
        content_type=content_type, locale_id=parent.locale_id, live=True, first_published_at=now, last_published_at=now,
    ) for index, page in enumerate(instances)]
    Page.objects.bulk_create(bases)
    for page, base in zip(instances, bases):
        page.page_ptr_id = page.id = base.pk
    # The type's own table only (as fixtures load multi-table models); the base rows are written above.
    model._base_manager._insert(instances, fields=model._meta.local_concrete_fields, raw=True)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(instances))
    parent.refresh_from_db(fields=["numchild"])

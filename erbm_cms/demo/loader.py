"""Builds the demo site from the seed publications; running it again changes nothing."""

import json

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.models import Page, Site

from erbm_cms.base.models import ContentPage
from erbm_cms.deliberations.models import DeliberationIndexPage, DeliberationPage, PartnerDeliberationsPage
from erbm_cms.documents.collections import collection_named
from erbm_cms.documents.models import ArchiveDocument
from erbm_cms.engagement.models import EngagementPage
from erbm_cms.home.models import HomePage
from erbm_cms.minutes.models import FollowUpAction, MinutesIndexPage, MinutesPage
from erbm_cms.news.models import CommuniqueAttachment, CommuniquePage, NewsIndexPage
from erbm_cms.partners.models import Axis, Partner
from erbm_cms.partners.reference import read_partner_records
from erbm_cms.publishing.roles import setup_roles

from . import seed_pages
from .pdf import render_pdf
from .reference_data import AXES, PARTNER_SLUGS
from .sample_deliberations import FICTITIOUS_NOTICE, samples_for
from .seed_text import read_seed

DEMO_COLLECTION = "Démonstration"


class DemoLoader:
    def __init__(self, log=lambda message: None):
        self.log = log
        self.created = 0

    @transaction.atomic
    def run(self):
        partners = self.load_partners()
        axes = self.load_axes()
        home = self.load_home()
        self.collection = self.demo_collection()
        self.load_engagement(home, partners, axes)
        communiques = self.load_news(home, partners, axes)
        self.load_minutes(home, partners, axes, communiques)
        self.load_deliberations(home, partners, axes)
        self.load_content_pages(home)
        setup_roles()
        return self.created

    # Reference data ---------------------------------------------------------

    def load_partners(self):
        partners = []
        for order, record in enumerate(read_partner_records()):
            partner, created = Partner.objects.update_or_create(
                name=record.name,
                defaults={
                    "short_name": record.short_name, "kind": record.kind, "siren": record.siren,
                    "siret": record.siret, "seat_town": record.seat_town, "website": record.website,
                    "source": record.source, "sort_order": order, "slug": PARTNER_SLUGS[record.name],
                },
            )
            self.created += created
            partners.append(partner)
        self.log(f"{len(partners)} partenaires")
        return partners

    def load_axes(self):
        axes = {}
        for number, title, description_start in AXES:
            axis, created = Axis.objects.update_or_create(
                number=number,
                defaults={"title": title, "description": seed_pages.axis_description(description_start)},
            )
            self.created += created
            axes[number] = axis
        self.log(f"{len(axes)} axes")
        return axes

    # Pages --------------------------------------------------------------------

    def load_home(self):
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            home = HomePage(
                title="Renouveau du bassin minier",
                slug="accueil",
                intro=seed_pages.HOME_INTRO,
                key_figures=json.dumps([{"type": "figure", "value": {"value": v, "label": label, "detail": d}}
                                        for v, label, d in seed_pages.HOME_KEY_FIGURES]),
                timeline=json.dumps([{"type": "event", "value": {"date_label": d, "title": t, "detail": ""}}
                                     for d, t in seed_pages.TIMELINE]),
            )
            root.add_child(instance=home)
            home.save_revision().publish()
            self.created += 1
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True,
                                site_name="Renouveau du bassin minier")
        elif site.root_page_id != home.pk:
            previous_root = site.root_page.specific
            site.root_page = home
            site.site_name = "Renouveau du bassin minier"
            site.save()
            if type(previous_root) is Page and not previous_root.get_children().exists():
                previous_root.delete()  # Wagtail's "Welcome" placeholder page
        return home

    def child(self, parent, page, **relations):
        """The child of `parent` with the page's slug, created and published if missing."""
        existing = parent.get_children().filter(slug=page.slug).first()
        if existing is not None:
            return existing.specific, False
        for name, values in relations.items():
            getattr(page, name).set(values)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created += 1
        return page, True

    def demo_collection(self):
        return collection_named(DEMO_COLLECTION)

    def document(self, title, filename, pdf_bytes):
        document = ArchiveDocument.objects.filter(title=title, collection=self.collection).first()
        if document is None:
            document = ArchiveDocument(title=title, collection=self.collection)
            document.save_with_file(filename, ContentFile(pdf_bytes))
            self.created += 1
        return document

    def seed_document(self, seed_name, title, filename):
        """The seed publication's text as a PDF, saying where it comes from."""
        paragraphs = [p for p in read_seed(seed_name).split("\n\n") if p.strip()]
        source = seed_pages.SOURCES[seed_name]
        pdf = render_pdf(
            title,
            [("", [f"Reproduction du texte de la publication d'origine (mise en page simplifiée). Source : {source}"]),
             ("", [" ".join(p.split()) for p in paragraphs])],
            running_footer="Renouveau du bassin minier",
        )
        return self.document(title, filename, pdf)

    def load_engagement(self, home, partners, axes):
        content = seed_pages.engagement_content()
        self.child(home, EngagementPage(
            title="L'Engagement pour le renouveau du bassin minier",
            slug="engagement",
            show_in_menus=True,
            signing_date=seed_pages.date(2017, 3, 7),
            signing_place="Oignies (Pas-de-Calais)",
            **content,
        ), signatories=partners, axes=list(axes.values()))

    def load_news(self, home, partners, axes):
        index, _ = self.child(home, NewsIndexPage(
            title="Actualités", slug="actualites", show_in_menus=True,
            intro="Communiqués, dossiers de presse et articles sur l'Engagement pour le renouveau du bassin minier.",
        ))
        article_pdf = self.seed_document(seed_pages.ARTICLE_2017, "Article IREV du 27 mars 2017 : signature d'un protocole d'engagement (texte)", "2017-03-27-article-irev-signature-engagement.pdf")
        copil_pdf = self.seed_document(seed_pages.COPIL_2018, "Communiqué de presse du 5 février 2018 : État et collectivités en ordre de marche (texte)", "2018-02-05-communique-copil-oignies.pdf")
        kit_pdf = self.seed_document(seed_pages.PRESS_KIT_2018, "Dossier de presse du 22 février 2018 : visite du Premier ministre (texte)", "2018-02-22-dossier-presse-visite-premier-ministre.pdf")
        communiques = {}
        for content, attachment, concerned in (
            (seed_pages.article_2017(article_pdf.pk), article_pdf, partners),
            (seed_pages.communique_copil_2018(), copil_pdf, partners),
            (seed_pages.press_kit_2018(kit_pdf.pk), kit_pdf, partners),
        ):
            subjects = content.pop("subjects")
            axis_numbers = content.pop("axes")
            page = CommuniquePage(**content)
            page.subjects.add(*subjects)
            page.attachments = [CommuniqueAttachment(document=attachment)]
            page, _ = self.child(index, page, axes=[axes[n] for n in axis_numbers], partners=concerned)
            communiques[page.slug] = page
        self.log(f"{len(communiques)} communiqués")
        return communiques

    def load_minutes(self, home, partners, axes, communiques):
        index, _ = self.child(home, MinutesIndexPage(
            title="Comités de pilotage", slug="comites-de-pilotage", show_in_menus=True,
            intro="Les relevés des comités de pilotage qui réunissent les douze partenaires de l'Engagement.",
        ))
        content = seed_pages.first_steering_committee()
        actions = content.pop("actions")
        page = MinutesPage(**content)
        page.minutes_document = self.seed_document(
            seed_pages.COPIL_2018, "Communiqué de presse du 5 février 2018 : État et collectivités en ordre de marche (texte)",
            "2018-02-05-communique-copil-oignies.pdf",
        )
        page.actions = [FollowUpAction(description=d, owner=o, due_date=due) for d, o, due in actions]
        self.child(index, page, attending_partners=partners, axes=[axes[1], axes[2]],
                   related_communiques=[communiques["etat-et-collectivites-en-ordre-de-marche"]])

    def load_deliberations(self, home, partners, axes):
        index, _ = self.child(home, DeliberationIndexPage(
            title="Délibérations", slug="deliberations", show_in_menus=True,
            intro="Les délibérations des partenaires de l'Engagement, classées par partenaire. "
                  "Les délibérations de démonstration sont des exemples fictifs et l'indiquent clairement.",
        ))
        count = 0
        for partner_index, partner in enumerate(partners):
            section, _ = self.child(index, PartnerDeliberationsPage(
                title=partner.name, slug=partner.slug, partner=partner,
            ))
            for sample in samples_for(partner, partner_index):
                if DeliberationPage.objects.filter(partner=partner, number=sample.number).exists():
                    continue
                act = self.document(
                    f"{partner.short_name} – délibération n° {sample.number} (exemple fictif)",
                    f"exemple-fictif-{partner.slug}-{sample.number}.pdf",
                    render_pdf(sample.title, sample.pdf_sections, running_header=FICTITIOUS_NOTICE,
                               running_footer=f"{partner.short_name} - n° {sample.number}",
                               subject="Exemple fictif", min_pages=sample.pdf_pages),
                )
                page = DeliberationPage(
                    title=sample.title, partner=partner, deliberating_body=sample.deliberating_body,
                    session_date=sample.session_date, number=sample.number, actes_code=sample.actes_code,
                    prefecture_date=sample.prefecture_date, transmission_id=sample.transmission_id,
                    summary=sample.summary, act_document=act, is_sample=True, **sample.votes,
                )
                self.child(section, page, axes=[axes[sample.axis]])
                count += 1
        self.log(f"{count} délibérations d'exemple créées")

    def load_content_pages(self, home):
        delegation = seed_pages.delegation_content()
        self.child(home, ContentPage(title="La délégation", slug="la-delegation", show_in_menus=True, **delegation))
        self.child(home, ContentPage(title="Mentions légales", slug="mentions-legales", footer_link=True,
                                     body=seed_pages.LEGAL_NOTICE))
        self.child(home, ContentPage(title="Accessibilité : non conforme", slug="accessibilite", footer_link=True,
                                     body=seed_pages.ACCESSIBILITY_STATEMENT))

"""RSS 2.0 and Atom feeds: communiqués, and each partner's deliberations."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.html import strip_tags

from erbm_cms.deliberations.models import DeliberationPage, PartnerDeliberationsPage
from erbm_cms.news.models import CommuniquePage, NewsIndexPage
from erbm_cms.records.visibility import public_pages

from .xml_text import SafeAtomFeed, SafeRssFeed

FEED_LENGTH = 30


class CommuniquesRss(Feed):
    feed_type = SafeRssFeed
    title = "Renouveau du bassin minier — actualités"
    description = "Communiqués, dossiers de presse et articles de la délégation pour le renouveau du bassin minier."
    language = "fr"

    def link(self):
        news = NewsIndexPage.objects.live().first()
        return news.url if news else "/"

    def items(self):
        return public_pages(CommuniquePage.objects.all()).order_by("-date", "-pk")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item.get_kind_display()] + [tag.name for tag in item.subjects.all()]


class CommuniquesAtom(CommuniquesRss):
    feed_type = SafeAtomFeed
    subtitle = CommuniquesRss.description


class PartnerDeliberationsRss(Feed):
    feed_type = SafeRssFeed
    language = "fr"

    def get_object(self, request, slug):
        return get_object_or_404(public_pages(PartnerDeliberationsPage.objects.all()).select_related("partner"), partner__slug=slug)

    def title(self, section):
        return f"Délibérations — {section.partner.name}"

    def description(self, section):
        return f"Les délibérations publiées de {section.partner.name} dans l'archive du renouveau du bassin minier."

    def link(self, section):
        return section.url

    def items(self, section):
        return public_pages(DeliberationPage.objects.child_of(section)).order_by("-session_date", "-pk")[:FEED_LENGTH]

    def item_title(self, item):
        return f"{item.title} (n° {item.number})"

    def item_description(self, item):
        return strip_tags(item.summary) or item.subject_label

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at


class PartnerDeliberationsAtom(PartnerDeliberationsRss):
    feed_type = SafeAtomFeed

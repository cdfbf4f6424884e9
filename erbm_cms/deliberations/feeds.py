"""RSS 2.0 and Atom feeds of one partner's deliberations, served by its section (routes rss.xml, atom.xml)."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.html import strip_tags

from erbm_cms.base.feeds import SafeAtomFeed, SafeRssFeed
from erbm_cms.records.visibility import public_pages

FEED_LENGTH = 30


class PartnerDeliberationsRss(Feed):
    feed_type = SafeRssFeed
    language = "fr"

    def get_object(self, request, page):
        if not public_pages(type(page).objects.filter(pk=page.pk)).exists():
            raise Http404
        return page

    def title(self, section):
        return f"Délibérations — {section.partner.name}"

    def description(self, section):
        return f"Les délibérations publiées de {section.partner.name} dans l'archive du renouveau du bassin minier."

    def link(self, section):
        return section.url

    def items(self, section):
        return public_pages(section.deliberations()).order_by("-session_date", "-pk")[:FEED_LENGTH]

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

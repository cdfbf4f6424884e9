"""RSS 2.0 and Atom feeds of the communiqués, served by the news index page (routes rss.xml, atom.xml)."""

from django.contrib.syndication.views import Feed

from erbm_cms.base.feeds import SafeAtomFeed, SafeRssFeed
from erbm_cms.records.visibility import public_pages

FEED_LENGTH = 30


class CommuniquesRss(Feed):
    feed_type = SafeRssFeed
    title = "Renouveau du bassin minier — actualités"
    description = "Communiqués, dossiers de presse et articles de la délégation pour le renouveau du bassin minier."
    language = "fr"

    def get_object(self, request, page):
        return page

    def link(self, index):
        return index.url

    def items(self, index):
        return public_pages(index.all_communiques()).order_by("-date", "-pk")[:FEED_LENGTH]

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

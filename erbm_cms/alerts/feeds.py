"""RSS and Atom feeds of any search: /recherche/rss.xml?… and /recherche/atom.xml?… take the
parameters of /recherche/ and list the most recent matches an anonymous reader may see."""

import datetime

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import strip_tags

from search.query import InvalidParameter

from . import searches


class SearchRss(Feed):
    feed_type = Rss201rev2Feed
    language = "fr"
    route = "search_rss"

    def __call__(self, request, *args, **kwargs):
        try:
            response = super().__call__(request, *args, **kwargs)
        except InvalidParameter as error:
            response = HttpResponse(f"Paramètre « {error.field} » invalide : {error.message}\n", status=400,
                                    content_type="text/plain; charset=utf-8")
        response["X-Robots-Tag"] = "noindex"
        return response

    def get_object(self, request):
        params = searches.parse(request.GET)
        # Feed readers are anonymous: a feed never lists a record restricted to partners.
        return params, searches.latest(params, AnonymousUser())

    def title(self, search):
        return f"Recherche {searches.describe(search[0])} — Renouveau du bassin minier"

    def description(self, search):
        return ("Les enregistrements les plus récents de l'archive du renouveau du bassin minier "
                f"qui répondent à la recherche {searches.describe(search[0])}.")

    def link(self, search):
        return self._with_query("search", search[0])

    def feed_url(self, search):
        return self._with_query(self.route, search[0])

    @staticmethod
    def _with_query(route, params):
        query = searches.query_string(params)
        return reverse(route) + (f"?{query}" if query else "")

    def items(self, search):
        return search[1].hits

    def item_title(self, hit):
        return f"{hit.kind_label} — {hit.title}"

    def item_description(self, hit):
        return strip_tags(hit.snippet)

    def item_link(self, hit):
        return hit.url

    def item_guid(self, hit):
        return hit.url

    def item_pubdate(self, hit):
        if hit.date is None:
            return None
        return timezone.make_aware(datetime.datetime.combine(hit.date, datetime.time(12)))

    def item_categories(self, hit):
        return [hit.kind_label] + ([hit.partner] if hit.partner else [])


class SearchAtom(SearchRss):
    feed_type = Atom1Feed
    route = "search_atom"

    def subtitle(self, search):
        return self.description(search)

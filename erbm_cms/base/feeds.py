"""Feeds (RSS, Atom): the routes a page serves them by, and feed writers that a title with a
control character cannot break.

XML 1.0 allows only tab, line feed, carriage return, U+0020–U+D7FF, U+E000–U+FFFD and
U+10000–U+10FFFF; Django's feed writer refuses anything else with a server error. Every
text given to these feed classes is cleaned first.
"""

import re

from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path

INVALID_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value):
    """`value` without the characters XML 1.0 cannot carry (other values unchanged)."""
    if isinstance(value, str):
        return INVALID_XML.sub("", value)
    if isinstance(value, (list, tuple)):
        return type(value)(xml_text(item) for item in value)
    return value


class XmlSafeFeedMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*xml_text(list(args)), **{key: xml_text(value) for key, value in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*xml_text(list(args)), **{key: xml_text(value) for key, value in kwargs.items()})


class SafeRssFeed(XmlSafeFeedMixin, Rss201rev2Feed):
    pass


class SafeAtomFeed(XmlSafeFeedMixin, Atom1Feed):
    pass


class FeedRoutesMixin(RoutablePageMixin):
    """A page's rss.xml and atom.xml routes: its feed classes, given the page as their object."""

    rss_feed_class = None
    atom_feed_class = None

    @re_path(r"^rss\.xml/?$", name="rss")
    def rss_feed(self, request):
        return self.rss_feed_class()(request, page=self)

    @re_path(r"^atom\.xml/?$", name="atom")
    def atom_feed(self, request):
        return self.atom_feed_class()(request, page=self)

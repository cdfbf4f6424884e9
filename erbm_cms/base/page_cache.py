"""Whole-page cache of the public site for anonymous visitors, emptied by any publication.

Anonymous visitors get the same HTML for the same address, so the rendered
page is kept in the cache. Every key carries a "generation" number; publishing,
unpublishing, moving, saving or deleting a page, changing its access or a partner or an
axis bumps the generation, so that no visitor ever sees a page older than the
last change. Signed-in users, the admin, search, APIs and documents are never cached.

`remember` keeps, in each process and under the same generation, what every
anonymous visitor sees alike on every page (the menus, the footer), so that pages
that are not cached (search, and every page while editors keep publishing) do
not compute it again each time.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "page-cache:generation"
UNCACHED_PREFIXES = ("/admin/", "/documents/", "/recherche/", "/api/", "/django-admin/", "/static/", "/media/")


def _fresh_generation():
    # A cache may drop the generation (a file cache culls entries when full): starting again from the
    # clock, never from 1, guarantees that no page kept under an earlier generation is served again.
    return time.time_ns()


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        value = cache.get(GENERATION_KEY) or _fresh_generation()
    return value


def _bump():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, _fresh_generation(), timeout=None)


def invalidate(**kwargs):
    # Again once the change is committed: a page rendered meanwhile from the data of before
    # would otherwise be kept under the new generation.
    _bump()
    transaction.on_commit(_bump)


_remembered = {}


def remember(request, name, compute):
    """compute(), kept in this process until the generation changes (at most NAVIGATION_CACHE_SECONDS).

    Only for what is the same for every anonymous visitor: never for something that depends on who asks.
    The generation is read once per request.
    """
    seconds = settings.NAVIGATION_CACHE_SECONDS
    if seconds <= 0:
        return compute()
    current = getattr(request, "_page_cache_generation", None)
    if current is None:
        current = generation()
        if request is not None:
            request._page_cache_generation = current
    now = time.monotonic()
    found = _remembered.get(name)
    if found is not None and found[0] == current and now - found[1] < seconds:
        return found[2]
    value = compute()
    _remembered[name] = (current, now, value)
    return value


# Besides pages, what pages show (the partners and axes of the reference data) or who may see them.
SHOWN_ON_PAGES = {"partners.Partner", "partners.Axis", PageViewRestriction._meta.label}

for signal in (page_published, page_unpublished, post_page_move):
    signal.connect(invalidate, dispatch_uid=f"page-cache-{id(signal)}")


@receiver([post_save, post_delete])
def invalidate_on_change(sender, **kwargs):
    from wagtail.models import Page

    if sender._meta.label in SHOWN_ON_PAGES or isinstance(kwargs.get("instance"), Page):
        invalidate()


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = getattr(settings, "PAGE_CACHE_SECONDS", 300)

    def cacheable_request(self, request):
        return (
            self.timeout > 0
            and request.method in ("GET", "HEAD")
            and not request.path.startswith(UNCACHED_PREFIXES)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.user.is_authenticated
        )

    def __call__(self, request):
        if not self.cacheable_request(request):
            return self.get_response(request)
        request._page_cache_generation = generation()
        key = f"page-cache:{request._page_cache_generation}:{request.get_host()}:{request.get_full_path()}"
        cached = cache.get(key)
        if cached is not None:
            content, headers = cached
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if (
            response.status_code == 200
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and not response.cookies
        ):
            headers = [(name, value) for name, value in response.items() if name.lower() not in ("set-cookie", "x-page-cache")]
            cache.set(key, (response.content, headers), self.timeout)
            response["X-Page-Cache"] = "miss"
        return response

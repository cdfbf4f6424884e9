"""What an anonymous visitor may see: live, public, unexpired pages (used by feeds, sitemap, API, export)."""

from django.db.models import Q
from django.utils import timezone


def published(queryset):
    """Live, unexpired pages with no view restriction (on themselves or an ancestor)."""
    return queryset.live().public().filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))

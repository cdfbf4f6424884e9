from django.db.models import Q
from django.utils import timezone
from wagtail.contrib.sitemaps import Sitemap


class PublishedSitemap(Sitemap):
    """Wagtail's sitemap, without pages whose expiry date has passed (before the scheduler unpublishes them)."""

    def items(self):
        return super().items().filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))

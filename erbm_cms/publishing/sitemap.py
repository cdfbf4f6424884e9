from wagtail.contrib.sitemaps import Sitemap

from erbm_cms.records.visibility import public_pages


class PublishedSitemap(Sitemap):
    """Wagtail's sitemap of the site's pages, limited to what an anonymous visitor may see."""

    def items(self):
        root = self.get_wagtail_site().root_page
        return public_pages(root.get_descendants(inclusive=True)).order_by("path").defer_streamfields().specific()

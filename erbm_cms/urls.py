from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.views import serve as serve_page

from erbm_cms.documents.admin_views import DocumentIndexView
from erbm_cms.publishing import site_plan
from erbm_cms.publishing import views as publishing_views
from erbm_cms.publishing.api import api_router
from erbm_cms.publishing.sitemap import PublishedSitemap
from erbm_cms.records import media

urlpatterns = [
    # The document library lists each PDF's extraction status (before Wagtail's own listing).
    path("admin/documents/", DocumentIndexView.as_view(), name="archive_documents_index"),
    path("admin/documents/results/", DocumentIndexView.as_view(results_only=True), name="archive_documents_index_results"),
    path("admin/", include(wagtailadmin_urls)),
    path("", include("search.urls")),
    path("", include("erbm_cms.alerts.urls")),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PublishedSitemap}}, name="sitemap"),
    path("robots.txt", publishing_views.robots_txt, name="robots_txt"),
    path("plan-du-site/", site_plan.site_map, name="site_map"),
    path("documents/", include(wagtaildocs_urls)),
]

# Uploaded images, in every profile, to those who may see them; documents only ever by /documents/.
urlpatterns += [re_path(r"^media/(?P<path>.*)$", media.serve_media, name="media")]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

urlpatterns += [
    # The files that pages serve as routes (feeds, CSV export, calendar: RoutablePageMixin), whose
    # last segment has a dot that Wagtail's own pattern leaves out: /actualites/rss.xml.
    re_path(r"^((?:[\w\-]+/)+[\w\-]+\.(?:csv|ics|xml))$", serve_page, name="page_file"),
    path("", include(wagtail_urls)),
]

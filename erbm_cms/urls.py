from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from erbm_cms.documents.admin_views import DocumentIndexView
from erbm_cms.engagement import views as engagement_views
from erbm_cms.minutes import views as minutes_views
from erbm_cms.publishing import feeds, site_plan
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
    path("engagement/en-chiffres/", engagement_views.figures, name="engagement_figures"),
    path("actualites/rss.xml", feeds.CommuniquesRss(), name="communiques_rss"),
    path("actualites/atom.xml", feeds.CommuniquesAtom(), name="communiques_atom"),
    path("comites-de-pilotage/calendrier.ics", minutes_views.calendar_ics, name="committees_calendar"),
    path("deliberations/export.csv", publishing_views.deliberations_csv, name="deliberations_csv"),
    path("deliberations/donnees-ouvertes/", publishing_views.export_information, name="deliberations_open_data"),
    path("deliberations/<slug:slug>/export.csv", publishing_views.partner_deliberations_csv, name="partner_deliberations_csv"),
    path("deliberations/<slug:slug>/rss.xml", feeds.PartnerDeliberationsRss(), name="partner_deliberations_rss"),
    path("deliberations/<slug:slug>/atom.xml", feeds.PartnerDeliberationsAtom(), name="partner_deliberations_atom"),
    path("documents/", include(wagtaildocs_urls)),
]

# Uploaded images, in every profile, to those who may see them; documents only ever by /documents/.
urlpatterns += [re_path(r"^media/(?P<path>.*)$", media.serve_media, name="media")]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

urlpatterns += [path("", include(wagtail_urls))]

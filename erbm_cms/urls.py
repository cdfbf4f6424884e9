from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from erbm_cms.documents.admin_views import DocumentIndexView

urlpatterns = [
    # The document library lists each PDF's extraction status (before Wagtail's own listing).
    path("admin/documents/", DocumentIndexView.as_view(), name="archive_documents_index"),
    path("admin/documents/results/", DocumentIndexView.as_view(results_only=True), name="archive_documents_index_results"),
    path("admin/", include(wagtailadmin_urls)),
    path("", include("search.urls")),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += staticfiles_urlpatterns()
    # Uploaded images in development; documents are only ever served by /documents/ (access checked).
    urlpatterns += [re_path(r"^media/(?P<path>(?!documents/).*)$", serve, {"document_root": settings.MEDIA_ROOT})]

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "erbm_cms.base.views.page_not_found"
handler500 = "erbm_cms.base.views.server_error"

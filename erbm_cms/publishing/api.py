"""The read-only Wagtail API v2 (pages, documents, images), showing only what an anonymous visitor may see."""

from django.db.models import Subquery
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from erbm_cms.records.visibility import public_pages, visible_files

from .api_guards import GuardedAPIMixin


class PublicPagesAPIViewSet(GuardedAPIMixin, PagesAPIViewSet):
    def get_base_queryset(self):
        # Filtered by id so that ?search= can run: the search backend filters only on indexed fields.
        base = super().get_base_queryset()
        return base.filter(pk__in=Subquery(public_pages(base).values("pk")))


class PublicDocumentsAPIViewSet(GuardedAPIMixin, DocumentsAPIViewSet):
    """Only the documents an anonymous visitor could download: those used by a page anyone may see."""

    def get_queryset(self):
        return visible_files(None, super().get_queryset())


class PublicImagesAPIViewSet(GuardedAPIMixin, ImagesAPIViewSet):
    """Only the images shown on a page anyone may see."""

    def get_queryset(self):
        return visible_files(None, super().get_queryset())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)

"""The read-only Wagtail API v2 (pages, documents, images), showing only what a visitor may see."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, IntegerField, Subquery
from django.db.models.functions import Cast
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents import get_document_model
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, ReferenceIndex

from .api_guards import GuardedAPIMixin
from .visibility import published


class PublicPagesAPIViewSet(GuardedAPIMixin, PagesAPIViewSet):
    def get_base_queryset(self):
        # Filtered by id so that ?search= can run: the search backend filters only on indexed fields.
        base = super().get_base_queryset()
        return base.filter(pk__in=Subquery(published(base).values("pk")))


class PublicDocumentsAPIViewSet(GuardedAPIMixin, DocumentsAPIViewSet):
    """Only the documents an anonymous visitor could download: those used by a published, public page."""

    def get_queryset(self):
        page_type = ContentType.objects.get_for_model(Page)
        document_type = ContentType.objects.get_for_model(get_document_model())
        public_pages = published(Page.objects.all()).annotate(key=Cast("pk", CharField())).values("key")
        used = ReferenceIndex.objects.filter(
            base_content_type=page_type, to_content_type=document_type, object_id__in=Subquery(public_pages)
        ).annotate(document_id=Cast("to_object_id", IntegerField())).values("document_id")
        return super().get_queryset().filter(pk__in=Subquery(used))


class PublicImagesAPIViewSet(GuardedAPIMixin, ImagesAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)

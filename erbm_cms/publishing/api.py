"""The read-only Wagtail API v2 (pages, documents, images), showing only what a visitor may see."""

from django.contrib.auth.models import AnonymousUser
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from erbm_cms.documents.usage import pages_using, page_is_visible
from .visibility import published


class PublicPagesAPIViewSet(PagesAPIViewSet):
    def get_base_queryset(self):
        return published(super().get_base_queryset())


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
    """Only the documents an anonymous visitor could download."""

    def get_queryset(self):
        from wagtail.models import Page

        request = self.request
        anonymous = type("AnonymousRequest", (), {"user": AnonymousUser(), "session": {}, "get_full_path": request.get_full_path})()
        queryset = super().get_queryset()
        visible_ids = [
            document.pk for document in queryset
            if any(page_is_visible(page, anonymous) for page in Page.objects.filter(pk__in=pages_using(document)))
        ]
        return queryset.filter(pk__in=visible_ids)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)

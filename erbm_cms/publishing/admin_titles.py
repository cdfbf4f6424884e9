"""The admin names to a user only the pages, documents and images it may see (partner editors above all).

Wagtail's bulk-action confirmations (`/admin/bulk/…?id=`), the page chooser's
browsing of a given parent and the admin API's detail views take ids from the
address and would print the titles of any object; here the ids a user may not
know are dropped (bulk actions) or answered 404 (one object).
"""

from django.http import Http404
from wagtail.documents import get_document_model
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Page

from erbm_cms.records.choosing import choosable_documents
from erbm_cms.records.visibility import images_known_to, pages_known_to


def known(user, model, queryset):
    if issubclass(model, Page):
        return pages_known_to(user, queryset)
    if issubclass(model, get_document_model()):
        return choosable_documents(user, queryset)
    if issubclass(model, get_image_model()):
        return images_known_to(user, queryset)
    return queryset


def known_ids(user, model, ids):
    numbers = [int(value) for value in ids if str(value).isdigit()]
    return {str(pk) for pk in known(user, model, model.objects.filter(pk__in=numbers)).values_list("pk", flat=True)}


API_MODELS = {"pages": Page, "documents": get_document_model, "images": get_image_model}


class AdminTitleGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        user = getattr(request, "user", None)
        if match is None or user is None or not user.is_authenticated or user.is_superuser:
            return None
        if match.url_name == "wagtail_bulk_action":
            self.drop_unknown_ids(request, view_kwargs)
        elif match.url_name == "wagtailadmin_choose_page_child":
            self.require_known(user, Page, view_kwargs["parent_page_id"])
        elif "wagtailadmin_api" in match.namespaces and match.url_name == "detail":
            endpoint = request.path.split("/api/main/", 1)[-1].split("/", 1)[0]
            model = API_MODELS.get(endpoint)
            if model is not None:
                self.require_known(user, model if model is Page else model(), view_kwargs["pk"])
        return None

    @staticmethod
    def require_known(user, model, pk):
        if str(pk) not in known_ids(user, model, [pk]):
            raise Http404

    @staticmethod
    def drop_unknown_ids(request, view_kwargs):
        from django.apps import apps

        try:
            model = apps.get_model(view_kwargs["app_label"], view_kwargs["model_name"])
        except (LookupError, KeyError):
            return
        ids = request.GET.getlist("id")
        if "all" in ids:
            # « Select all » in a listing: Wagtail would take every object (every document, say).
            objects = model.objects.all()
            parent = request.GET.get("childOf", "")
            if issubclass(model, Page) and parent.isdigit():
                objects = objects.filter(pk__in=Page.objects.filter(pk=parent).first().get_children().values("pk")
                                         if Page.objects.filter(pk=parent).exists() else [])
            ids = [str(pk) for pk in objects.values_list("pk", flat=True)]
        allowed = known_ids(request.user, model, ids)
        query = request.GET.copy()
        query.setlist("id", [value for value in ids if value in allowed])
        request.GET = query


class KnownObjectsMixin:
    """For the admin API listings: only the objects whose titles the user may read."""

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        return queryset if user.is_superuser else known(user, queryset.model, queryset)


class KnownDocumentsAdminAPIViewSet(KnownObjectsMixin, DocumentsAdminAPIViewSet):
    pass


class KnownImagesAdminAPIViewSet(KnownObjectsMixin, ImagesAdminAPIViewSet):
    pass

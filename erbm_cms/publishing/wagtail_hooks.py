from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.cache import add_never_cache_headers
from django.views.defaults import permission_denied
from wagtail import hooks
from wagtail.models import PageViewRestriction

from erbm_cms.records.visibility import can_see, pages_known_to, unexpired


@hooks.register("before_serve_page", order=-100)
def serve_only_visible_records(page, request, serve_args, serve_kwargs):
    """Serve a page only to those the site's visibility rule lets see it.

    Expired or unpublished: 404 for everyone. Restricted: anonymous visitors are sent to sign in,
    signed-in users outside the restriction get a 403.
    """
    if can_see(request.user, page):
        return None
    if not page.live or not type(page).objects.filter(pk=page.pk).filter(unexpired()).exists():
        raise Http404
    if not request.user.is_authenticated and not page.get_view_restrictions().filter(
            restriction_type=PageViewRestriction.PASSWORD).exists():
        response = redirect_to_login(request.get_full_path())
    else:
        response = permission_denied(
            request, PermissionDenied("Cette page est réservée : votre compte ne permet pas de la consulter.")
        )
    add_never_cache_headers(response)
    return response


@hooks.register("construct_page_chooser_queryset")
def choose_only_known_pages(pages, request):
    """The page chooser (browsing and search) lists only pages whose title the user may read."""
    return pages_known_to(request.user, pages)



@hooks.register("construct_admin_api", order=100)
def list_only_known_files_in_the_admin_api(router):
    """After Wagtail's own registrations: the admin API lists only the documents and images a user may know."""
    from .admin_titles import KnownDocumentsAdminAPIViewSet, KnownImagesAdminAPIViewSet

    router.register_endpoint("documents", KnownDocumentsAdminAPIViewSet)
    router.register_endpoint("images", KnownImagesAdminAPIViewSet)

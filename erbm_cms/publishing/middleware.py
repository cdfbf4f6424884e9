"""Answer 403 to anyone opening, in the admin, a page they have no right on.

Wagtail would redirect to the dashboard with a message; a plain 403 makes the
boundary between partners explicit (edit, history, revisions, comparison,
preview, copy, move... of another partner's deliberations).
"""

from django.core.exceptions import PermissionDenied
from wagtail.models import Page

PAGE_ID_ARGUMENTS = ("page_id", "pk", "page_to_move_id")


class PagePermissionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.namespace != "wagtailadmin_pages" or not request.user.is_authenticated:
            return None
        if request.user.is_superuser:
            return None
        page_id = next((view_kwargs[name] for name in PAGE_ID_ARGUMENTS if name in view_kwargs), None)
        if page_id is None:
            return None
        page = Page.objects.filter(pk=page_id).first()
        if page is None:
            return None
        permissions = page.permissions_for_user(request.user)
        if permissions.can_edit() or permissions.can_publish() or permissions.can_add_subpage():
            return None
        # Django answers with the 403.html template, which shows this message.
        raise PermissionDenied("Cette page ne relève pas de votre espace : vous n'avez aucun droit sur elle.")

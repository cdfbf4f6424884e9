"""Which pages use a document, and whether a visitor may download it.

A document is served only when at least one live, unexpired page that the
visitor may see uses it (as an act, annex, attachment or link in its body),
or to those who may edit it. A PDF attached only to a draft, an unpublished,
an expired or a private record stays out of reach.
"""

from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.views.defaults import permission_denied
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

from erbm_cms.records.visibility import can_see_file


def pages_using(document):
    """The ids of the pages that refer to the document (inline panels and StreamField blocks included)."""
    page_type = ContentType.objects.get_for_model(Page)
    references = ReferenceIndex.get_references_to(document).filter(base_content_type=page_type)
    return {int(pk) for pk in references.values_list("object_id", flat=True)}


def may_download(document, request):
    """Those who may edit the document, and those who may see a page that uses it."""
    user = request.user
    if user.is_authenticated:
        policy = policy_registry.get_by_type(type(document))
        if policy.user_has_permission_for_instance(user, "change", document):
            return True
    return can_see_file(user, document)


def refuse(request):
    if request.user.is_authenticated:
        return permission_denied(request, PermissionDenied("Ce document n'est pas accessible avec votre compte."))
    return redirect_to_login(request.get_full_path())

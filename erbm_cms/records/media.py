"""/media/: only the images (originals and renditions) a user may see; never a document, never any other file.

An image is served when a page the user may see shows it, when reference data
that the site shows to everyone (a partner's logo) uses it, or when the user may
choose or edit it in the admin. An image shown only on restricted pages is
therefore served only to those who may see one of them; an image used nowhere
only to its editors. The path is only ever looked up in the database, never
joined to the media folder as given: no other file can be reached.
"""

import mimetypes
import re

from django.contrib.contenttypes.models import ContentType
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

from .visibility import can_see_file

# One file name, directly in the folder of originals or of renditions; no leading dot.
IMAGE_PATH = re.compile(r"^(original_images|images)/([^/\\.\x00-\x1f][^/\\\x00-\x1f]*)$")


def image_for(path):
    match = IMAGE_PATH.match(path)
    if match is None:
        return None, None
    model = get_image_model()
    if match.group(1) == "original_images":
        image = model.objects.filter(file=path).first()
        return image, image.file if image else None
    rendition = model.get_rendition_model().objects.filter(file=path).select_related("image").first()
    return (rendition.image, rendition.file) if rendition else (None, None)


def used_by_reference_data(image):
    """Whether something other than a page (a partner's logo) shows the image."""
    return ReferenceIndex.get_references_to(image).exclude(
        base_content_type=ContentType.objects.get_for_model(Page)).exists()


def may_edit(user, image):
    if not user.is_authenticated:
        return False
    policy = policy_registry.get_by_type(type(image))
    return any(policy.user_has_permission_for_instance(user, action, image) for action in ("change", "choose"))


@require_safe
def serve_media(request, path):
    image, file = image_for(path)
    if image is None:
        raise Http404
    public = can_see_file(None, image) or used_by_reference_data(image)
    if not (public or can_see_file(request.user, image) or may_edit(request.user, image)):
        # The same answer as a missing file: nothing tells that the image exists.
        raise Http404
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=mimetypes.guess_type(file.name)[0] or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    if public:
        patch_cache_control(response, public=True, max_age=3600)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response

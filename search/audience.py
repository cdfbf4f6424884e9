"""Who may see which entry: everybody, signed-in users, or members of the page's groups."""

from django.db.models import Q
from django.utils import timezone

from .entries import GROUPS, LOGIN, PUBLIC


def visible_to(user):
    """A filter on SearchEntry: the live, unexpired records `user` may see."""
    audience = Q(audience=PUBLIC)
    if user is not None and user.is_authenticated:
        audience |= Q(audience=LOGIN)
        if user.is_superuser:
            audience |= Q(audience=GROUPS)
        else:
            for group_id in user.groups.values_list("pk", flat=True):
                audience |= Q(audience=GROUPS, audience_groups__contains=f" {group_id} ")
    unexpired = Q(page__expire_at__isnull=True) | Q(page__expire_at__gt=timezone.now())
    return audience & Q(page__live=True) & unexpired


def audiences_of(user):
    """The audiences and groups `user` belongs to (for engines that filter on their own)."""
    if user is None or not user.is_authenticated:
        return [PUBLIC], []
    if user.is_superuser:
        return [PUBLIC, LOGIN, GROUPS], None
    return [PUBLIC, LOGIN], list(user.groups.values_list("pk", flat=True))

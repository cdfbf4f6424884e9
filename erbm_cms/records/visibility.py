"""Who may see a record: the one rule of the site, as a queryset and as a yes/no.

A page is visible to a user when it is live, its expiry date (if any) has not
passed, and the user passes every view restriction set on it or on one of its
ancestors: a « login » restriction lets in any signed-in user, a « groups »
restriction the members of its groups (and superusers). Shared-password
restrictions are turned off on this site: a page under one is shown to nobody.
Records « réservés aux partenaires » carry a groups restriction naming the
partner and delegation groups (see `publishing.privacy`).

Page serving, every list, search and its suggestions, feeds, sitemap, API,
exports, and the serving of documents and images all ask this module, which
imports nothing from the page apps so that any of them can use it.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, IntegerField, Max, OuterRef, Q, Subquery
from django.db.models.functions import Cast, Substr
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, ReferenceIndex


def unexpired(now=None):
    """A filter on pages: no expiry date, or one still to come."""
    now = now or timezone.now()
    return Q(expire_at__isnull=True) | Q(expire_at__gt=now)


def restrictions_barring(user):
    """The view restrictions that keep `user` out."""
    restrictions = PageViewRestriction.objects.all()
    if user is None or not user.is_authenticated or not user.is_active:
        return restrictions
    if user.is_superuser:
        return restrictions.filter(restriction_type=PageViewRestriction.PASSWORD)
    return restrictions.exclude(restriction_type=PageViewRestriction.LOGIN).exclude(
        restriction_type=PageViewRestriction.GROUPS, groups__in=user.groups.all(),
    )


def visible_pages(user, queryset=None):
    """The pages of `queryset` (all pages by default) that `user` (None: an anonymous visitor) may see."""
    queryset = Page.objects.all() if queryset is None else queryset
    queryset = queryset.filter(live=True).filter(unexpired())
    barring = restrictions_barring(user)
    # A restriction applies to its page and to every page below it: its page's path is a prefix of
    # theirs. Each page's ancestors' paths (its path cut at each level, down to the deepest
    # restricted page) are looked up through the path index, so that the check costs a few index
    # lookups per page whatever the number of pages and restrictions.
    # Asked from the restrictions' side (a handful of rows): as a join, SQLite may walk every page.
    deepest = Page.objects.filter(pk__in=barring.values("page_id")).aggregate(depth=Max("depth"))["depth"]
    if deepest is None:
        return queryset
    ancestors = [Substr(OuterRef("path"), 1, Page.steplen * depth) for depth in range(1, deepest + 1)]
    return queryset.exclude(Exists(barring.filter(page__path__in=ancestors)))


def public_pages(queryset=None):
    """What an anonymous visitor may see (feeds, sitemap, exports, API)."""
    return visible_pages(None, queryset)


def can_see(user, page):
    """Whether `user` may see `page`; the same rule as `visible_pages`, asked of one page."""
    return visible_pages(user, Page.objects.filter(pk=page.pk)).exists()


def referenced_by(pages, model):
    """The ids of the objects of `model` that the pages of `pages` refer to (fields, inline panels, StreamField)."""
    keys = pages.order_by().annotate(key=Cast("pk", CharField())).values("key")
    return ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ReferenceIndex._get_base_content_type(model),
        object_id__in=Subquery(keys),
    ).annotate(target=Cast("to_object_id", IntegerField())).values("target")


def visible_files(user, queryset):
    """The documents or images of `queryset` used by at least one page that `user` may see."""
    return queryset.filter(pk__in=Subquery(referenced_by(visible_pages(user), queryset.model)))


def can_see_file(user, obj):
    return visible_files(user, type(obj).objects.filter(pk=obj.pk)).exists()


# The admin --------------------------------------------------------------------------------

def pages_known_to(user, queryset=None):
    """The pages whose title `user` may read in the admin: those it may see on the site, and those it has rights on."""
    from wagtail.permission_policies.pages import PagePermissionPolicy

    queryset = Page.objects.all() if queryset is None else queryset
    if user.is_superuser:
        return queryset
    with_rights = PagePermissionPolicy().instances_user_has_any_permission_for(
        user, ["add", "change", "publish", "bulk_delete", "lock", "unlock"])
    return queryset.filter(Q(pk__in=visible_pages(user).values("pk")) | Q(pk__in=with_rights.values("pk")))


def images_known_to(user, queryset):
    """The images whose title `user` may read in the admin: shown on a page it may see, or in its collections."""
    from wagtail.permissions import policy_registry

    if user.is_superuser:
        return queryset
    own = policy_registry.get_by_type(queryset.model).instances_user_has_any_permission_for(user, ["change", "choose"])
    return queryset.filter(Q(pk__in=own.values("pk")) | Q(pk__in=visible_files(user, queryset.model.objects.all()).values("pk")))

"""The roles of the archive as groups, their permissions, and the review workflow.

- « Délégation — rédaction » writes and publishes communiqués, the engagement, minutes and pages.
- « Délégation — validation » reviews and publishes what partners submit.
- « Partenaire — <nom court> », one per partner: adds and edits deliberations in its own section
  only, uploads into its own document collection, and cannot publish: it submits for review.

`setup_roles()` creates or completes all of it and can be run any number of times.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from erbm_cms.deliberations.models import DeliberationIndexPage, PartnerDeliberationsPage
from erbm_cms.documents.collections import collection_named
from erbm_cms.home.models import HomePage
from erbm_cms.news.models import NewsIndexPage
from erbm_cms.records.groups import (
    EDITORS,
    RESTRICTED_COLLECTION,
    REVIEWERS,
    partner_collection_name,
    partner_group_name,
    reader_groups,
)

WORKFLOW = "Validation par la délégation"
# Wagtail checks document rights against its own Document model (wagtaildocs), whatever the custom model.
DOCUMENT_PERMISSIONS = ["add_document", "change_document", "choose_document"]
IMAGE_PERMISSIONS = ["add_image", "change_image", "choose_image"]


def _permission(codename, app_label=None):
    permissions = Permission.objects.filter(codename=codename)
    if app_label:
        permissions = permissions.filter(content_type__app_label=app_label)
    return permissions.get()


def _grant_pages(group, page, types):
    for permission_type in types:
        permission = _permission(f"{permission_type}_page", "wagtailcore")
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _grant_collection(group, collection, codenames):
    for codename in codenames:
        GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=_permission(codename))


def _group(name):
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(_permission("access_admin", "wagtailadmin"))
    return group


@transaction.atomic
def setup_roles():
    home = HomePage.objects.first()
    if home is None:
        return {}
    editors, reviewers = _group(EDITORS), _group(REVIEWERS)
    root_collection = Collection.get_first_root_node()
    _grant_pages(editors, home, ["add", "change", "publish", "lock", "unlock"])
    _grant_collection(editors, root_collection, DOCUMENT_PERMISSIONS + IMAGE_PERMISSIONS)
    editors.permissions.add(*[_permission(f"{action}_{model}", "partners")
                              for action in ("add", "change", "view") for model in ("partner", "axis")])
    # Search curation: the field's synonyms, promoted results, the report of the public's queries.
    editors.permissions.add(*[_permission(f"{action}_synonym", "search") for action in ("add", "change", "delete", "view")])
    editors.permissions.add(*[_permission(f"{action}_searchpromotion", "wagtailsearchpromotions")
                              for action in ("add", "change", "delete", "view")])
    editors.permissions.add(_permission("view_querystat", "search"))
    deliberations = DeliberationIndexPage.objects.first()
    if deliberations is not None:
        _grant_pages(reviewers, deliberations, ["change", "publish", "lock", "unlock"])
    _grant_collection(reviewers, root_collection, ["change_document", "choose_document"])

    partner_groups = {}
    for section in PartnerDeliberationsPage.objects.select_related("partner"):
        group = _group(partner_group_name(section.partner))
        _grant_pages(group, section, ["add", "change"])
        _grant_collection(group, collection_named(partner_collection_name(section.partner)), DOCUMENT_PERMISSIONS)
        partner_groups[section.partner.slug] = group

    restricted = collection_named(RESTRICTED_COLLECTION)
    restriction, _ = CollectionViewRestriction.objects.get_or_create(
        collection=restricted, restriction_type=CollectionViewRestriction.GROUPS)
    restriction.groups.set(reader_groups())

    workflow = setup_workflow(reviewers, [deliberations, NewsIndexPage.objects.first()])
    return {"editors": editors, "reviewers": reviewers, "partners": partner_groups, "workflow": workflow}


def setup_workflow(reviewers, pages):
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW)
    task = GroupApprovalTask.objects.filter(name=WORKFLOW).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=WORKFLOW)
    task.groups.set([reviewers])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for page in pages:
        if page is not None:
            WorkflowPage.objects.update_or_create(page=Page.objects.get(pk=page.pk), defaults={"workflow": workflow})
    return workflow


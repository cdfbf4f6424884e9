"""Apply the « réservé aux partenaires » choice of a record when it is published.

Serving never depends on the collection (see records.visibility); collections decide who may
edit and choose a document in the admin.
"""

from wagtail.models import Collection, PageViewRestriction

from erbm_cms.documents.collections import collection_named, existing_collection
from erbm_cms.documents.usage import pages_using
from erbm_cms.records.groups import RESTRICTED_COLLECTION, partner_collection_name, reader_groups


def restricted_collection():
    return collection_named(RESTRICTED_COLLECTION)


def public_collection_for(page):
    partner = page.issuing_partner()
    own = existing_collection(partner_collection_name(partner)) if partner is not None else None
    return own or Collection.get_first_root_node()


def apply_restriction(page):
    restrictions = PageViewRestriction.objects.filter(page=page, restriction_type=PageViewRestriction.GROUPS)
    documents = page.attached_documents()
    if page.restricted_to_partners:
        restriction = restrictions.first() or PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS)
        restriction.groups.set(reader_groups())
        target = restricted_collection()
    else:
        for restriction in restrictions:
            restriction.delete()
        target = public_collection_for(page)
    for document in documents:
        if document.collection_id == target.pk:
            continue
        if not (page.restricted_to_partners or document.collection.name == RESTRICTED_COLLECTION):
            continue
        # A document that another page also uses (another partner's act, say) stays where it is:
        # publishing this record never moves it, least of all into a public collection.
        if pages_using(document) - {page.pk}:
            continue
        type(document).objects.filter(pk=document.pk).update(collection=target)

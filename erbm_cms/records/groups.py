"""The names of the groups who work on the archive, and who among them reads restricted records.

The groups themselves, their permissions and the workflow are set up by `publishing.roles`.
"""

from django.contrib.auth.models import Group

EDITORS = "Délégation — rédaction"
REVIEWERS = "Délégation — validation"
PARTNER_PREFIX = "Partenaire — "
RESTRICTED_COLLECTION = "Documents réservés aux partenaires"


def partner_group_name(partner):
    return f"{PARTNER_PREFIX}{partner.short_name}"[:150]


def partner_collection_name(partner):
    return f"Documents — {partner.short_name}"[:255]


def reader_groups():
    """Every group whose members may read records restricted to partners."""
    return Group.objects.filter(name__in=[EDITORS, REVIEWERS]) | Group.objects.filter(name__startswith=PARTNER_PREFIX)


def is_delegation(user):
    return user.is_superuser or user.groups.filter(name__in=[EDITORS, REVIEWERS]).exists()

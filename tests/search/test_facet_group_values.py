"""Facet groups (search.models.FacetGroup) hold whatever values a record may have."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils.text import slugify

from erbm_cms.partners.models import Axis, Partner
from search.engines.embedded import database_engine
from search.models import SearchEntry
from search.query import parse_params
from tests.search import records

pytestmark = pytest.mark.django_db


def test_a_record_concerning_every_partner_under_long_slugs_is_grouped_and_counted():
    # Editors may give each partner its official name as slug (up to 80 letters): a communiqué or the minutes
    # of a committee concerning the twelve partners then carry about 500 letters of partner slugs.
    for partner in Partner.objects.all():
        Partner.objects.filter(pk=partner.pk).update(slug=slugify(partner.name)[:80])
    page = records.communique("Comité de pilotage du moulinage", date=datetime.date(2020, 6, 1))
    page = records.refresh(page)
    page.partners = list(Partner.objects.all())
    page.axes = list(Axis.objects.all())
    page.save_revision().publish()
    entry = SearchEntry.objects.select_related("facet_group").get(page_id=page.pk)
    # The group is found by a digest of its values, of one length however many partners (PostgreSQL would
    # refuse a key longer than its column: the record would not be indexed at all).
    assert entry.facet_group.partner_slugs == entry.partner_slugs
    assert len(entry.partner_slugs) > 400
    results = database_engine().search(parse_params({"q": "moulinage"}), AnonymousUser())
    assert results.total == 1
    assert {value for value, _, count in results.facets["partenaire"] if count} == set(
        Partner.objects.values_list("slug", flat=True))

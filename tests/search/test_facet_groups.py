"""The database engine counts facets by group of shared values (search.models.FacetGroup)."""

import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import AnonymousUser

from search.engines.embedded import database_engine
from search.models import FacetGroup, SearchEntry, facet_key
from search.query import parse_params
from tests.search import records

pytestmark = pytest.mark.django_db


def facets_of(**params):
    results = database_engine().search(parse_params({key: str(value) for key, value in params.items()}),
                                       AnonymousUser())
    return results.total, {name: {str(value): count for value, _, count in rows}
                           for name, rows in results.facets.items()}


def test_records_with_the_same_values_share_a_group_and_each_is_counted():
    for title in ("Gazomètre de Douai", "Gazomètre de Sin-le-Noble"):
        records.deliberation(title, partner="douaisis-agglo", date=datetime.date(2018, 3, 1), axes=[3])
    records.deliberation("Gazomètre de Lens", partner="ca-lens-lievin", date=datetime.date(2018, 5, 1), axes=[3])
    entries = SearchEntry.objects.filter(title__startswith="Gazomètre")
    assert len({entry.facet_group_id for entry in entries}) == 2
    total, facets = facets_of(q="gazometre")
    assert total == 3
    assert facets["partenaire"] == {"douaisis-agglo": 2, "ca-lens-lievin": 1}
    assert facets["annee"] == {"2018": 3}
    assert facets["axe"] == {"3": 3}


def test_a_record_given_another_year_is_counted_in_its_new_year_only():
    page = records.deliberation("Gazomètre de Somain", date=datetime.date(2018, 3, 1))
    records.deliberation("Gazomètre d'Aniche", date=datetime.date(2018, 3, 1))
    page = records.refresh(page)
    page.session_date = datetime.date(2021, 9, 1)
    page.save_revision().publish()
    total, facets = facets_of(q="gazometre")
    assert total == 2
    assert facets["annee"] == {"2018": 1, "2021": 1}
    assert facets_of(q="gazometre", annee=2021)[0] == 1
    # Browsing without words counts by the same groups.
    assert facets_of(annee=2021)[1]["annee"] == {"2021": 1}


def test_the_migration_groups_the_records_indexed_before_it():
    records.deliberation("Gazomètre d'Auby", partner="douaisis-agglo", date=datetime.date(2019, 3, 1), axes=[1])
    records.communique("Le gazomètre restauré", body="Le gazomètre d'Auby.", date=datetime.date(2020, 1, 15))
    expected = facets_of(q="gazometre")
    SearchEntry.objects.update(facet_group=None)
    FacetGroup.objects.all().delete()
    migration = importlib.import_module("search.migrations.0009_facet_groups")
    migration.group_indexed_records(django_apps, None)
    assert not SearchEntry.objects.filter(facet_group=None).exists()
    # The groups made by the migration are those the indexing would have made.
    for entry in SearchEntry.objects.select_related("facet_group"):
        group = entry.facet_group
        assert (group.kind, group.partner_slugs, group.year, group.axes) == (
            entry.kind, entry.partner_slugs, entry.year, entry.axes)
        assert group.key == facet_key(entry.kind, entry.partner_slugs, entry.year, entry.axes)
    assert facets_of(q="gazometre") == expected
    assert expected[0] == 2


def test_a_record_without_a_group_still_counts_in_the_total():
    # Written by a process still running the code of before migration 0009 (until it restarts).
    records.deliberation("Gazomètre de Waziers", date=datetime.date(2018, 3, 1))
    records.deliberation("Gazomètre de Flers", date=datetime.date(2018, 3, 1))
    SearchEntry.objects.filter(title="Gazomètre de Flers").update(facet_group=None)
    total, facets = facets_of(q="gazometre")
    assert total == 2
    assert facets["annee"] == {"2018": 1}

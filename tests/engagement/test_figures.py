"""The engagement in pictures: the charts count only what the public may see, each with its table."""

import datetime
import json
import re
from html import unescape

import pytest

from erbm_cms.archive.figures import all_series
from erbm_cms.minutes.models import FollowUpAction, MinutesPage
from tests.search import records

pytestmark = pytest.mark.django_db


def series(slug):
    return next(found for found in all_series() if found.slug == slug)


def table_rows(html, slug):
    table = html.split(f'id="donnees-{slug}"')[1].split("</table>")[0]
    return [(unescape(label), int(value.replace("\u202f", "")))
            for label, value in re.findall(r'<th scope="row">([^<]+)</th><td>([^<]+)</td>', table)]


def test_each_chart_is_drawn_by_the_state_component_with_its_data_table(client):
    response = client.get("/engagement/en-chiffres/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<bar-chart ") == 3
    assert '<script type="module" src="/static/vendor/dsfr-chart/BarChart.js"></script>' in html
    per_year = series("deliberations-par-annee")
    assert table_rows(html, "deliberations-par-annee") == per_year.rows + [("Total", per_year.total)]
    first_chart = re.search(r'<bar-chart x="([^"]+)" y="([^"]+)"', html)
    assert json.loads(unescape(first_chart[1])) == [per_year.labels]
    assert json.loads(unescape(first_chart[2])) == [per_year.values]
    per_partner = dict(table_rows(html, "deliberations-par-partenaire"))
    assert per_partner["Douaisis Agglo"] == 2 and len(per_partner) == 13  # 12 partners and the total
    actions = dict(table_rows(html, "actions-par-etat"))
    assert actions["Prévue"] == FollowUpAction.objects.filter(status="prevue").count() and actions["Total"] >= 3


def test_restricted_draft_and_expired_records_are_not_counted(client):
    before = series("deliberations-par-annee")
    records.deliberation("Brouillon compté nulle part", date=datetime.date(2011, 1, 5), live=False)
    private = records.refresh(records.deliberation("Réservée aux partenaires", date=datetime.date(2011, 2, 5)))
    private.restricted_to_partners = True
    private.save_revision().publish()
    assert series("deliberations-par-annee").rows == before.rows
    records.deliberation("Publique", date=datetime.date(2011, 3, 5))
    assert series("deliberations-par-annee").rows == [("2011", 1)] + before.rows


def test_actions_of_restricted_minutes_are_not_counted():
    before = dict(series("actions-par-etat").rows)
    minutes = MinutesPage.objects.live().first()
    minutes.restricted_to_partners = True
    minutes.save_revision().publish()
    after = dict(series("actions-par-etat").rows)
    assert sum(after.values()) == sum(before.values()) - minutes.actions.count()


def test_the_committed_chart_component_is_the_npm_package_pinned_in_package_json():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    pinned = json.loads((root / "package.json").read_text())["devDependencies"]["@gouvfr/dsfr-chart"]
    shipped = root / "site" / "static" / "vendor" / "dsfr-chart"
    assert "MIT License" in (shipped / "LICENSE").read_text()
    installed = root / "node_modules" / "@gouvfr" / "dsfr-chart"
    if not installed.exists():
        pytest.skip("node_modules/@gouvfr/dsfr-chart is not installed (npm ci): the committed copy is not compared")
    assert json.loads((installed / "package.json").read_text())["version"] == pinned
    for name in ("BarChart.js", "BarChart.css"):
        assert (shipped / name).read_bytes() == (installed / "dist" / "BarChart" / name).read_bytes(), name

"""A steering committee is announced before it is held, listed on the home page and in the calendar, then completed by its minutes."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from erbm_cms.minutes.models import MinutesIndexPage, MinutesPage
from tests.helpers import form_errors, post_new_page, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor():
    return Client()


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def announce(client, publish=True, **overrides):
    fields = {
        "title": "Comité de pilotage de printemps",
        "slug": "comite-de-pilotage-de-printemps",
        "status": "a_venir",
        "meeting_date": in_days(30).isoformat(),
        "start_time": "14:30",
        "end_time": "17:00",
        "place": "Lens, Louvre-Lens",
        "chair": "",
        "attendees": streamfield([]),
        "summary": "",
        "agenda": streamfield([("item", {"title": "Bilan du programme de rénovation", "detail": ""}),
                               ("item", {"title": "Calendrier 2027", "detail": "Prochaines étapes"})]),
        "decisions": streamfield([]),
        "actions": inline_formset([]),
    }
    fields.update(overrides)
    return post_new_page(client, MinutesPage, MinutesIndexPage.objects.get(), fields, publish=publish)


def parsed_calendar(client):
    response = client.get("/comites-de-pilotage/calendrier.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events_by_title(calendar):
    return {str(event.get("summary")): event for event in calendar.walk("VEVENT")}


def test_a_held_committee_cannot_be_dated_in_the_future(editor_client):
    response = announce(editor_client, status="tenu", chair="Préfet de région")
    assert response.status_code == 200
    assert "choisissez l'état « à venir »" in " ".join(form_errors(response)["meeting_date"])
    assert not MinutesPage.objects.filter(slug="comite-de-pilotage-de-printemps").exists()


def test_a_held_committee_needs_its_chair_and_times_must_follow_each_other(editor_client):
    response = announce(editor_client, status="tenu", meeting_date=in_days(-3).isoformat(), start_time="17:00", end_time="14:00")
    errors = form_errors(response)
    assert "Indiquez la présidence du comité tenu." in errors["chair"]
    assert "L'heure de fin doit suivre l'heure de début." in errors["end_time"]


def test_a_planned_committee_is_published_ahead_on_its_page_the_index_and_the_home_page(editor_client, visitor):
    response = announce(editor_client)
    assert response.status_code == 302, form_errors(response)
    committee = MinutesPage.objects.get(slug="comite-de-pilotage-de-printemps")
    assert committee.live and committee.is_planned

    text = visible_text(visitor.get(committee.url))
    assert "À venir" in text
    assert "son compte rendu sera publié sur cette page après la réunion" in text
    assert "à 14h30–17h00" in text and "Lens, Louvre-Lens" in text
    assert "Bilan du programme de rénovation" in text

    index = visitor.get("/comites-de-pilotage/")
    text = visible_text(index)
    assert text.index("Comités à venir") < text.index("Comité de pilotage de printemps") < text.index("Comités tenus")
    assert "Comité de pilotage du 5 février 2018 à Oignies" in text

    home = visitor.get("/")
    text = visible_text(home)
    assert "Prochains comités de pilotage" in text and "Comité de pilotage de printemps" in text
    for response in (home, index, visitor.get(committee.url)):
        assert 'href="/comites-de-pilotage/calendrier.ics"' in response.content.decode()


def test_the_home_page_lists_no_past_or_held_committee(visitor):
    text = visible_text(visitor.get("/"))
    assert "Prochains comités de pilotage" not in text  # the demo's only committee was held in 2018


def test_the_minutes_complete_the_announced_committee_afterwards(editor_client, visitor):
    announce(editor_client, meeting_date=timezone.localdate().isoformat())
    committee = MinutesPage.objects.get(slug="comite-de-pilotage-de-printemps")
    assert "Comité de pilotage de printemps" in visible_text(visitor.get("/"))

    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=[committee.pk]), nested_form_data({
        "title": committee.title, "slug": committee.slug, "status": "tenu",
        "meeting_date": committee.meeting_date.isoformat(), "start_time": "14:30", "end_time": "17:00",
        "place": committee.place, "chair": "Préfet de la région Hauts-de-France",
        "attendees": streamfield([]), "summary": "Le comité a fait le point sur la rénovation.",
        "agenda": streamfield([("item", {"title": "Bilan du programme de rénovation", "detail": ""})]),
        "decisions": streamfield([("decision", {"text": rich_text("<p>Le calendrier 2027 est adopté.</p>")})]),
        "actions": inline_formset([]),
        "action-publish": "action-publish",
    }))
    assert response.status_code == 302, form_errors(response)
    committee.refresh_from_db()
    assert not committee.is_planned

    text = visible_text(visitor.get(committee.url))
    assert "Tenu" in text and "Le calendrier 2027 est adopté." in text and "Préfet de la région Hauts-de-France" in text
    assert "son compte rendu sera publié" not in text
    assert "Prochains comités de pilotage" not in visible_text(visitor.get("/"))
    event = events_by_title(parsed_calendar(visitor))["Comité de pilotage de printemps"]
    assert "Le calendrier 2027 est adopté." in str(event.get("description"))


def test_the_calendar_feed_parses_and_lists_planned_and_held_committees(editor_client, visitor):
    announce(editor_client)
    announce(editor_client, publish=False, title="Comité en préparation", slug="comite-en-preparation",
             meeting_date=in_days(40).isoformat(), start_time="", end_time="")
    assert not MinutesPage.objects.get(slug="comite-en-preparation").live  # a draft: never in the feed

    calendar = parsed_calendar(visitor)
    assert str(calendar.get("version")) == "2.0"
    events = events_by_title(calendar)
    assert "Comité en préparation" not in events

    upcoming = events["Comité de pilotage de printemps"]
    start, end = upcoming.decoded("dtstart"), upcoming.decoded("dtend")
    assert start == datetime.datetime.combine(in_days(30), datetime.time(14, 30), tzinfo=start.tzinfo)
    assert str(start.tzinfo) == "Europe/Paris" and end - start == datetime.timedelta(hours=2, minutes=30)
    assert str(upcoming.get("location")) == "Lens, Louvre-Lens"
    assert str(upcoming.get("url")).endswith("/comites-de-pilotage/comite-de-pilotage-de-printemps/")
    assert "1. Bilan du programme de rénovation" in str(upcoming.get("description"))
    assert any(tz.get("tzid") == "Europe/Paris" for tz in calendar.walk("VTIMEZONE"))

    held = events["Comité de pilotage du 5 février 2018 à Oignies"]
    assert held.decoded("dtstart") == datetime.date(2018, 2, 5)
    assert len({str(event.get("uid")) for event in events.values()}) == len(events)

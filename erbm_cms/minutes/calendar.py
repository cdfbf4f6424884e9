"""The iCalendar feed of steering committees: planned ones to put in a diary, held ones for the record.

Served by the committees' index page (route calendrier.ics).
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event

from erbm_cms.records.visibility import public_pages

PARIS = ZoneInfo("Europe/Paris")
DEFAULT_DURATION = datetime.timedelta(hours=2)


def _when(committee):
    """(start, end): whole days without a time, local Paris times otherwise."""
    if committee.start_time is None:
        return committee.meeting_date, committee.meeting_date + datetime.timedelta(days=1)
    start = datetime.datetime.combine(committee.meeting_date, committee.start_time, tzinfo=PARIS)
    if committee.end_time:
        return start, datetime.datetime.combine(committee.meeting_date, committee.end_time, tzinfo=PARIS)
    return start, start + DEFAULT_DURATION


def _description(committee):
    lines = []
    if committee.is_planned:
        lines.append("Comité à venir.")
    if committee.summary:
        lines.append(committee.summary)
    agenda = [item.value["title"] + (f" — {item.value['detail']}" if item.value["detail"] else "") for item in committee.agenda]
    if agenda:
        lines.append("Ordre du jour :")
        lines.extend(f"{number}. {item}" for number, item in enumerate(agenda, start=1))
    if committee.decisions:
        lines.append("Décisions :")
        lines.extend(f"- {strip_tags(str(decision.value['text']))}" for decision in committee.decisions)
    return "\n".join(lines)


def committees_calendar(committees, absolute_uri, host):
    """The VCALENDAR (bytes) of the published committees among `committees`, oldest first."""
    calendar = Calendar()
    calendar.add("prodid", "-//Renouveau du bassin minier//Comités de pilotage//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Comités de pilotage du renouveau du bassin minier")
    calendar.add("x-wr-timezone", "Europe/Paris")
    committees = public_pages(committees).order_by("meeting_date", "start_time", "pk")
    for committee in committees:
        start, end = _when(committee)
        event = Event()
        event.add("uid", f"comite-de-pilotage-{committee.pk}@{host}")
        event.add("dtstamp", committee.last_published_at or timezone.now())
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("summary", committee.title)
        event.add("location", committee.place)
        event.add("url", absolute_uri(committee.url))
        event.add("status", "CONFIRMED")
        event.add("categories", ["À venir" if committee.is_planned else "Tenu"])
        description = _description(committee)
        if description:
            event.add("description", description)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()

"""The events of a locale as an iCalendar (RFC 5545), written by the icalendar package."""

from datetime import timedelta

import icalendar
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from pages.models import EventPage
from pages.partner_links import partner_url

from .content import item_uuid, plain

PRODID = "-//thb-cms//partner API v1//EN"
KIND_LABELS = dict(EventPage.Kind.choices)  # lazy: translated when read


def location(event, language_code) -> str:
    """Venue, city and the country's name in this language, those that are given."""
    country = event.country.name_in(language_code) if event.country else ""
    return ", ".join(part for part in (plain(event.venue), plain(event.city), country) if part)


def vevent(event, language_code):
    component = icalendar.Event()
    component.add("uid", str(item_uuid(event.translation_key, language_code)))
    # the moment this version of the item was published: stable, so the same content gives the
    # same file (and ETag)
    component.add("dtstamp", event.last_published_at)
    component.add("last-modified", event.last_published_at)
    component.add("created", event.first_published_at)
    language = {"LANGUAGE": language_code}
    component.add("summary", plain(event.title), parameters=language)
    # all-day dates; DTEND is the day after the last one (RFC 5545, 3.6.1)
    component.add("dtstart", event.start_date)
    component.add("dtend", (event.end_date or event.start_date) + timedelta(days=1))
    place = location(event, language_code)
    if place:
        component.add("location", place, parameters=language)
    if event.summary:
        component.add("description", plain(event.summary), parameters=language)
    component.add("url", partner_url(language_code, "events", event.slug))
    component.add("categories", [str(KIND_LABELS.get(event.kind, event.kind))])
    component.add("transp", "TRANSPARENT")  # an event of the partnership does not make a reader busy
    return component


def events_calendar(events, language_code) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    with translation.override(language_code):
        name = _("%(site)s: events") % {"site": settings.WAGTAIL_SITE_NAME}
        calendar.add("x-wr-calname", name)
        calendar.add("name", name)  # RFC 7986's name for the same
        for event in events:
            calendar.add_component(vevent(event, language_code))
    return calendar.to_ical()

"""The feeds partner sites and their readers subscribe to: an iCalendar of events and an Atom feed
per locale, and one sitemap of every locale. Each is read back by third-party parsers (icalendar
and vobject, feedparser, ElementTree), never by matching strings."""

import gzip
from datetime import timedelta

import brotli
import feedparser
import icalendar
import pytest
import vobject
from defusedxml import ElementTree
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.feeds import views as feed_views
from cms import i18n
from pages.models import EventPage
from pages.partner_links import partner_url
from tests.content import in_locale

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
FEEDS = ["/api/v1/tr/events.ics", "/api/v1/ur/feed.atom", "/api/v1/sitemap.xml"]


def listed(api, code, collection):
    return api(f"/api/v1/{code}/{collection}/?page_size=100").json()["results"]


def partner_urls(api, code, collection):
    """Each item's partner URL in this locale, as the API's `translations` give it."""
    urls = {}
    for item in listed(api, "en", collection) + listed(api, code, collection):
        for link in item["translations"]:
            urls[(link["locale"], item["translation_key"])] = link["partner_url"]
    return urls


def calendar(api, code):
    response = api(f"/api/v1/{code}/events.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Language"] == code
    return response.content


# iCalendar


def test_the_calendar_has_one_event_per_published_event_in_the_locale(api):
    body = calendar(api, "tr")
    parsed = icalendar.Calendar.from_ical(body)
    events = {str(event["UID"]): event for event in parsed.walk("VEVENT")}
    published = listed(api, "tr", "events")
    assert len(events) == len(published) == 3
    titles = {str(event["SUMMARY"]) for event in events.values()}
    assert titles == {item["title"] for item in published}
    assert str(parsed["X-WR-CALNAME"]).endswith(": etkinlikler")
    assert parsed["VERSION"] == "2.0" and parsed["PRODID"]

    # a second parser agrees
    [second] = list(vobject.readComponents(body.decode()))
    assert {event.uid.value for event in second.vevent_list} == set(events)


def test_an_event_in_the_calendar_says_when_where_and_where_to_read_more(api, adana):
    turkish = in_locale(adana, "tr")
    parsed = icalendar.Calendar.from_ical(calendar(api, "tr"))
    [event] = [event for event in parsed.walk("VEVENT") if str(event["SUMMARY"]) == turkish.title]
    # all-day dates, the end exclusive: 14-15 December is 14 to 16
    assert event["DTSTART"].params["VALUE"] == "DATE"
    assert event.decoded("DTSTART") == adana.start_date
    assert event.decoded("DTEND") == adana.end_date + timedelta(days=1)
    assert str(event["LOCATION"]) == "Adana, Türkiye"
    assert str(event["DESCRIPTION"]) == turkish.summary
    assert event["SUMMARY"].params["LANGUAGE"] == "tr"
    urls = partner_urls(api, "tr", "events")
    assert str(event["URL"]) == urls[("tr", str(adana.translation_key))]
    assert event.decoded("LAST-MODIFIED") == turkish.last_published_at.replace(microsecond=0)
    assert str(event["CATEGORIES"].cats[0]) == "Eğitim"


def test_a_single_day_event_ends_the_next_day(api, media_workshop):
    parsed = icalendar.Calendar.from_ical(calendar(api, "en"))
    [event] = [event for event in parsed.walk("VEVENT") if str(event["SUMMARY"]) == media_workshop.title]
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(days=1)


def test_an_event_keeps_its_uid_and_each_language_has_its_own(api, adana, django_capture_on_commit_callbacks):
    def uid_of(code, title):
        parsed = icalendar.Calendar.from_ical(calendar(api, code))
        return next(str(event["UID"]) for event in parsed.walk("VEVENT") if str(event["SUMMARY"]) == title)

    before = uid_of("en", adana.title)
    assert before != uid_of("tr", in_locale(adana, "tr").title)
    with django_capture_on_commit_callbacks(execute=True):
        adana.title = "Awareness training in Adana"
        adana.save_revision().publish()
    assert uid_of("en", "Awareness training in Adana") == before


def test_every_locale_has_a_calendar_with_its_own_name(api):
    names = set()
    for code in i18n.LANGUAGE_CODES:
        parsed = icalendar.Calendar.from_ical(calendar(api, code))
        assert len(parsed.walk("VEVENT")) == len(listed(api, code, "events"))
        names.add(str(parsed["X-WR-CALNAME"]))
    assert len(names) == len(i18n.LANGUAGE_CODES)


# Atom


def atom(api, code):
    response = api(f"/api/v1/{code}/feed.atom")
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def test_the_atom_feed_holds_the_locale_s_items_newest_first(api):
    parsed = atom(api, "tr")
    published = {
        (collection, item["translation_key"]): item
        for collection in ("events", "assessments", "galleries")
        for item in listed(api, "tr", collection)
    }
    assert len(parsed.entries) == len(published) == 5
    assert parsed.feed.title_detail.language == "tr"
    assert parsed.feed.title == "İnsan ticaretiyle mücadele ortaklığı haberleri"
    links = {link.rel: link.href for link in parsed.feed.links}
    assert links["self"] == "http://testserver/api/v1/tr/feed.atom"
    assert "alternate" in links
    dates = [entry.published_parsed for entry in parsed.entries]
    assert dates == sorted(dates, reverse=True)
    ids = {entry.id for entry in parsed.entries}
    assert len(ids) == len(parsed.entries) and all(entry_id.startswith("urn:uuid:") for entry_id in ids)

    for entry in parsed.entries:
        [category] = entry.tags
        collection = {"event": "events", "assessment": "assessments", "gallery": "galleries"}[category.term]
        [item] = [
            item
            for (name, _key), item in published.items()
            if name == collection and item["title"] == entry.title
        ]
        assert entry.summary == item["summary"]
        assert entry.link == partner_urls(api, "tr", collection)[("tr", item["translation_key"])]
        assert entry.updated_parsed and entry.published_parsed
        assert category.label in ("etkinlik", "değerlendirme", "galeri")


def test_the_urdu_feed_is_marked_right_to_left(api, media_workshop):
    parsed = atom(api, "ur")
    assert parsed.feed.title_detail.language == "ur"
    urdu = in_locale(media_workshop, "ur")
    [entry] = [entry for entry in parsed.entries if urdu.title in entry.title]
    assert entry.title_detail.type == "application/xhtml+xml"
    assert 'dir="rtl"' in entry.title_detail.value or entry.title_detail.value == urdu.title
    assert entry.summary_detail.language == "ur"
    # the raw document: each text an XHTML div with dir="rtl" (readers honour it; Atom allows it)
    root = ElementTree.fromstring(api("/api/v1/ur/feed.atom").content)
    atom_ns = "{http://www.w3.org/2005/Atom}"
    for entry_element in root.iter(f"{atom_ns}entry"):
        title = entry_element.find(f"{atom_ns}title")
        assert title.get("type") == "xhtml"
        assert title.find(f"{XHTML}div").get("dir") == "rtl"
    # left to right languages stay plain text
    assert atom(api, "tr").entries[0].title_detail.type == "text/plain"


def test_the_atom_feed_is_limited_to_the_newest(api, monkeypatch):
    monkeypatch.setattr(feed_views, "ATOM_LIMIT", 3)
    everything = atom(api, "en")
    assert len(everything.entries) == 3
    monkeypatch.setattr(feed_views, "ATOM_LIMIT", 50)
    full = feedparser.parse(api("/api/v1/en/feed.atom?_=1").content)  # another address: not cached
    assert len(full.entries) == 11
    assert [entry.id for entry in everything.entries] == [entry.id for entry in full.entries[:3]]


# Sitemap


def test_the_sitemap_lists_every_published_item_with_its_alternates(api):
    response = api("/api/v1/sitemap.xml")
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{SITEMAP}urlset"
    urls = root.findall(f"{SITEMAP}url")
    expected = {}
    for code in i18n.LANGUAGE_CODES:
        for collection in ("events", "assessments", "galleries"):
            for item in listed(api, code, collection):
                # the address the API's `translations` give it (PARTNER_PAGE_URL)
                expected[partner_url(code, collection, item["slug"])] = item
    assert (
        len(urls)
        == len(expected)
        == sum(sum(locale["counts"].values()) for locale in api("/api/v1/locales/").json())
    )
    for url in urls:
        loc = url.find(f"{SITEMAP}loc").text
        item = expected[loc]
        assert url.find(f"{SITEMAP}lastmod").text.startswith(item["last_published_at"][:19])
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in url.findall(f"{XHTML}link")
            if link.get("rel") == "alternate"
        }
        assert alternates[item["locale"]] == loc  # itself included
        assert {code: href for code, href in alternates.items() if code != item["locale"]} == {
            link["locale"]: link["partner_url"] for link in item["translations"]
        }


# HTTP


def test_the_index_names_the_feeds(api):
    endpoints = api("/api/v1/").json()["endpoints"]
    assert endpoints["calendar"] == "http://testserver/api/v1/en/events.ics"
    assert endpoints["atom"] == "http://testserver/api/v1/en/feed.atom"
    assert endpoints["sitemap"] == "http://testserver/api/v1/sitemap.xml"


@pytest.mark.parametrize("path", FEEDS)
def test_each_feed_has_an_etag_and_answers_304(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("public, max-age=")
    assert response["Last-Modified"]
    again = client.get(path, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and not again.content
    assert client.get(path).content == response.content


@pytest.mark.parametrize("coding", ["br", "gzip"])
@pytest.mark.parametrize("path", FEEDS)
def test_feeds_are_compressed_like_the_json(client, path, coding):
    plain = client.get(path).content
    response = client.get(path, HTTP_ACCEPT_ENCODING=coding)
    assert response["Content-Encoding"] == coding and "accept-encoding" in response["Vary"].lower()
    assert {"br": brotli.decompress, "gzip": gzip.decompress}[coding](response.content) == plain
    again = client.get(path, HTTP_IF_NONE_MATCH=response["ETag"], HTTP_ACCEPT_ENCODING=coding)
    assert again.status_code == 304 and not again.has_header("Content-Encoding")


@pytest.mark.parametrize("path", FEEDS)
def test_a_feed_answers_whatever_the_client_accepts(client, path):
    accept = {"ics": "text/calendar", "tom": "application/atom+xml", "xml": "application/xml"}[path[-3:]]
    for header in (accept, "text/html", "*/*"):
        response = client.get(path, HTTP_ACCEPT=header)
        assert response.status_code == 200 and response["Content-Type"].startswith(accept)
    assert client.head(path).status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/xx/events.ics", "/api/v1/xx/feed.atom"])
def test_an_unknown_locale_is_the_api_s_404(api, path):
    error = api(path, status=404, HTTP_ACCEPT="text/calendar").json()["error"]
    assert error["code"] == "unknown_locale" and "tr" in error["available"]


@pytest.mark.parametrize("path", FEEDS)
def test_an_unknown_parameter_is_a_400(api, path):
    error = api(f"{path}?since=1", status=400).json()["error"]
    assert error["field"] == "since" and error["code"] == "unknown_parameter"
    api(f"{path}?utm_source=newsletter")  # what analytics add is ignored


def test_a_publication_reaches_the_feeds_on_the_next_request(api, django_capture_on_commit_callbacks):
    before = api("/api/v1/en/events.ics").content
    event = EventPage.objects.get(locale__language_code="en", slug="multi-agency-training-izmir-2016")
    with django_capture_on_commit_callbacks(execute=True):
        event.title = "Multi-agency training, Izmir"
        event.save_revision().publish()
    assert api("/api/v1/en/events.ics").content != before
    assert "Multi-agency training, Izmir" in [entry.title for entry in atom(api, "en").entries]


@pytest.mark.parametrize("feed", ["events.ics", "feed.atom"])
def test_a_feed_costs_the_same_queries_however_many_items(client, feed):
    counts = {}
    for code in ("en", "tr"):  # 8 events and 11 items, 3 events and 5 items
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/api/v1/{code}/{feed}").status_code == 200
        counts[code] = len(queries)
    assert counts["en"] == counts["tr"]

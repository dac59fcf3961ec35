"""The leak matrix: every way a page can be unpublishable, tried on every endpoint, in every locale.

Cases: a never-published draft (English and its Turkish translation), the newer draft of a live
page, a page that goes live next week, a page whose expiry has passed while publish_scheduled has
not run, a view restriction on the page, a view restriction on an ancestor, and a view restriction
on an English page (which hides every translation at once, without a sync).

Endpoints: lists (with and without `fallback=source`), details (of everything listed, and of the
hidden items' own addresses), search, the changes feed (replayed like a partner would), every
item's `translations`, `/api/v1/locales/` counts, rich-text links to the page from another page,
the feeds (each locale's calendar and Atom feed, the sitemap and its alternates), read with their
parsers and held to exactly what the lists show, and the draft preview (a token for another page,
and no valid token at all).
"""

from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import quote

import feedparser
import icalendar
import pytest
from defusedxml import ElementTree
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction
from wagtail.rich_text import RichText

from api.feeds.content import item_uuid
from editorial import localization
from pages.models import AssessmentPage, EventIndexPage, EventPage, GalleryIndexPage, GalleryPage
from pages.partner_links import partner_url
from previews import tokens
from tests.content import english, in_locale

# slow: 71 combinations of case and endpoint, each reading the API in every locale
pytestmark = [pytest.mark.django_db, pytest.mark.slow]

LOCALES = ["en", "sq", "az", "bs", "ro", "ur", "tr"]
COLLECTIONS = ["events", "assessments", "galleries"]
SECRET = "Zerwatch"  # a made-up word: only the hidden content contains it


@dataclass
class Case:
    hidden: set = field(default_factory=set)  # (locale, translation_key, collection, slug)
    secrets: list = field(default_factory=list)  # text that no response may contain
    link_target: EventPage | None = None  # a page other pages link to in rich text
    link_hidden: bool = True  # whether such a link must lose its target


def hidden_rows(page, codes=LOCALES):
    collection = "galleries" if isinstance(page, GalleryPage) else "events"
    return {
        (translated.locale.language_code, str(page.translation_key), collection, translated.slug)
        for translated in page.get_translations(inclusive=True).filter(locale__language_code__in=codes)
    }


def new_event(title, **fields):
    index = EventIndexPage.objects.get(locale__language_code="en")
    event = EventPage(title=title, kind="meeting", start_date=timezone.now().date(), **fields)
    index.add_child(instance=event)
    return event


def never_published():
    draft = new_event(f"{SECRET} shelter relocation plan", live=False)
    draft.save_revision()
    localization.translate(
        draft, Locale.objects.get(language_code="tr"), lambda text: f"{text} (tr)", publish=False
    )
    return Case(hidden=hidden_rows(draft), secrets=[SECRET], link_target=draft)


def newer_draft():
    adana = english(EventPage, "dgmm-awareness-training-adana-2016")
    for page in (adana, in_locale(adana, "tr")):
        page.title = f"{SECRET} unreviewed title"
        page.summary = f"{SECRET} unreviewed summary"
        page.slug = f"{page.slug}-{SECRET.lower()}"
        page.save_revision()
    return Case(secrets=[SECRET, SECRET.lower()], link_target=adana, link_hidden=False)


def goes_live_later():
    scheduled = new_event(f"{SECRET} meeting next week", live=False)
    scheduled.go_live_at = timezone.now() + timedelta(days=7)
    scheduled.save_revision().publish()
    assert not scheduled.live
    return Case(hidden=hidden_rows(scheduled), secrets=[SECRET], link_target=scheduled)


def expired():
    adana = english(EventPage, "dgmm-awareness-training-adana-2016")
    adana.expire_at = timezone.now() - timedelta(minutes=1)  # publish_scheduled has not run yet
    adana.save()
    return Case(hidden=hidden_rows(adana, ["en"]), link_target=adana)


def restricted_page():
    adana = english(EventPage, "dgmm-awareness-training-adana-2016")
    PageViewRestriction.objects.create(page=adana, restriction_type="password", password="secret")
    # the English restriction hides every translation at once, without a sync
    return Case(hidden=hidden_rows(adana), link_target=adana)


def restricted_ancestor():
    index = GalleryIndexPage.objects.get(locale__language_code="en")
    PageViewRestriction.objects.create(page=index, restriction_type="login")
    gallery = english(GalleryPage, "media-reporting-workshop-2017-photos")
    return Case(hidden=hidden_rows(gallery))


def restricted_translation_ancestor():
    """A restriction on the Turkish events index: no Turkish event may leak through any route."""
    turkish_index = EventIndexPage.objects.get(locale__language_code="tr")
    PageViewRestriction.objects.create(page=turkish_index, restriction_type="login")
    hidden = set()
    for event in EventPage.objects.filter(locale__language_code="tr"):
        hidden |= hidden_rows(event, ["tr"])
    return Case(hidden=hidden)


CASES = {
    "never published": never_published,
    "newer draft of a live page": newer_draft,
    "goes live later": goes_live_later,
    "expired, publish_scheduled not run": expired,
    "restriction on the page": restricted_page,
    "restriction on an ancestor": restricted_ancestor,
    "restriction on a translation's ancestor": restricted_translation_ancestor,
}


@pytest.fixture(params=list(CASES))
def case(request, django_capture_on_commit_callbacks):
    media_workshop = english(EventPage, "media-reporting-workshop-2017")
    with django_capture_on_commit_callbacks(execute=True):
        made = CASES[request.param]()
        if made.link_target is not None:
            # another page (English and Turkish) links to it; wagtail-localize keeps English ids
            link = RichText(f'<p>See <a linktype="page" id="{made.link_target.pk}">the plan</a>.</p>')
            for page in (media_workshop, in_locale(media_workshop, "tr")):
                page.body = [("paragraph", link)]
                page.save_revision().publish()
    return made


def get(client, path, status=200):
    response = client.get(path.replace("http://testserver", ""))
    assert response.status_code == status, (path, response.status_code)
    return response


def listed(client, code, collection, fallback=False):
    query = "?page_size=100" + ("&fallback=source" if fallback else "")
    return get(client, f"/api/v1/{code}/{collection}/{query}").json()["results"]


def shown(items):
    return {(item["locale"], item["translation_key"]) for item in items}


def hidden_pairs(case):
    return {(code, key) for code, key, _collection, _slug in case.hidden}


def assert_clean(case, body):
    for secret in case.secrets:
        assert secret not in body
    for code, _key, collection, slug in case.hidden:
        assert f"/api/v1/{code}/{collection}/{slug}/" not in body


def check_lists(client, case):
    for code in LOCALES:
        for collection in COLLECTIONS:
            for fallback in (False, True):
                items = listed(client, code, collection, fallback)
                assert not shown(items) & hidden_pairs(case)
                assert_clean(case, str(items))


def check_details(client, case):
    for code in LOCALES:
        for collection in COLLECTIONS:
            for item in listed(client, code, collection, fallback=True):
                assert_clean(case, get(client, item["api_url"]).content.decode())
    for code, _key, collection, slug in case.hidden:
        get(client, f"/api/v1/{code}/{collection}/{slug}/", status=404)
        get(client, f"/api/v1/{code}/{collection}/{slug}/?fallback=source", status=404)


def check_search(client, case):
    for code in LOCALES:
        for q in (SECRET, "trafficking", "training", "photos"):
            items = get(client, f"/api/v1/{code}/search/?q={q}&page_size=100").json()["results"]
            assert not shown(items) & hidden_pairs(case)
            assert_clean(case, str(items))


def check_changes(client, case):
    state, cursor, bodies = set(), None, []
    while True:
        body = get(client, "/api/v1/changes/" + (f"?since={cursor}" if cursor else "")).json()
        bodies.append(str(body))
        for entry in body["results"]:
            item = (entry["locale"], entry["translation_key"])
            (state.add if entry["action"] in ("published", "updated") else state.discard)(item)
        cursor = body["next_cursor"]
        if not body["has_more"]:
            break
    assert not state & hidden_pairs(case)
    for secret in case.secrets:
        assert secret not in "".join(bodies)
    for code in LOCALES:
        feed = get(client, f"/api/v1/changes/?locale={code}").json()
        live = [entry for entry in feed["results"] if entry["action"] in ("published", "updated")]
        withdrawn = {
            (e["locale"], e["translation_key"]) for e in feed["results"] if e["action"] != "published"
        }
        for entry in live:
            pair = (entry["locale"], entry["translation_key"])
            assert pair not in hidden_pairs(case) or pair in withdrawn


def check_translations(client, case):
    hidden = hidden_pairs(case)
    for code in LOCALES:
        for collection in COLLECTIONS:
            for item in listed(client, code, collection, fallback=True):
                detail = get(client, item["api_url"]).json()
                for other in (item["translations"], detail["translations"]):
                    assert not {(link["locale"], item["translation_key"]) for link in other} & hidden


def check_locale_counts(client, case):
    counts = {locale["code"]: locale["counts"] for locale in get(client, "/api/v1/locales/").json()}
    for code in LOCALES:
        for collection in COLLECTIONS:
            assert counts[code][collection] == len(listed(client, code, collection))


def check_links(client, case):
    if case.link_target is None:
        pytest.skip("nothing links to this case's pages")
    media_workshop = english(EventPage, "media-reporting-workshop-2017")
    key = str(case.link_target.translation_key)
    for code in ("en", "tr"):
        page = in_locale(media_workshop, code)
        [block] = get(client, f"/api/v1/{code}/events/{page.slug}/").json()["body"]
        html = block["html"]
        assert_clean(case, html)
        resolved = f'data-translation-key="{key}"' in html
        if case.link_hidden:
            hidden_here = {pair for pair in hidden_pairs(case) if pair[1] == key}
            # a link falls back to English only where English itself is visible
            if ("en", key) in hidden_here and (code, key) in hidden_here:
                assert not resolved and "<a>" in html
            assert f'hreflang="{code}"' not in html or (code, key) not in hidden_here
        else:
            assert resolved


def check_feeds(client, case):
    """Each feed shows exactly what the lists show (which check_lists holds clean), and no text
    of a hidden page."""
    everywhere = set()
    for code in LOCALES:
        items = {collection: listed(client, code, collection) for collection in COLLECTIONS}
        everywhere |= {
            partner_url(code, collection, item["slug"])
            for collection in COLLECTIONS
            for item in items[collection]
        }
        body = get(client, f"/api/v1/{code}/events.ics").content
        assert_clean(case, body.decode().replace("\r\n ", ""))  # unfolded
        events = icalendar.Calendar.from_ical(body).walk("VEVENT")
        assert {str(event["UID"]) for event in events} == {
            str(item_uuid(item["translation_key"], code)) for item in items["events"]
        }
        assert not {str(event["URL"]) for event in events} - everywhere

        body = get(client, f"/api/v1/{code}/feed.atom").content
        assert_clean(case, body.decode())
        feed = feedparser.parse(body)
        assert {entry.id for entry in feed.entries} == {
            f"urn:uuid:{item_uuid(item['translation_key'], code)}"
            for collection in COLLECTIONS
            for item in items[collection]
        }
        assert not {entry.link for entry in feed.entries} - everywhere

    body = get(client, "/api/v1/sitemap.xml").content
    assert_clean(case, body.decode())
    root = ElementTree.fromstring(body)
    sitemap_ns, xhtml_ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}", "{http://www.w3.org/1999/xhtml}"
    assert {loc.text for loc in root.iter(f"{sitemap_ns}loc")} == everywhere
    assert {link.get("href") for link in root.iter(f"{xhtml_ns}link")} == everywhere


def check_preview(client, case):
    """A preview token shows its own revision and nothing else: the preview of another page (which
    links to the case's page) is as clean as its published detail, and no token, a forged one or
    a made-up revision number shows nothing."""
    moderator = get_user_model().objects.get(username="moderator")
    media_workshop = english(EventPage, "media-reporting-workshop-2017")
    # the previewed page itself is shown to its token's holder, even where readers may not see it
    others = Case(
        hidden={row for row in case.hidden if row[1] != str(media_workshop.translation_key)},
        secrets=case.secrets,
    )
    for code in ("en", "tr"):
        page = in_locale(media_workshop, code)
        token = tokens.issue(page.latest_revision_id, code, moderator.pk)
        assert_clean(others, get(client, f"/api/v1/preview/?token={quote(token)}").content.decode())
    made_up = tokens.issue(10**9, "en", moderator.pk)
    for query, status in (
        ("", 400),
        ("?token=x", 403),
        ("?token=x%20y", 400),
        (f"?token={quote(made_up)}", 404),
    ):
        assert_clean(case, get(client, f"/api/v1/preview/{query}", status=status).content.decode())


EVERY_INCLUDE = {"events": "gallery,assessment", "assessments": "events", "galleries": "event"}


def embedded(item):
    for value in item["included"].values():
        yield from value if isinstance(value, list) else [value] if value else []


def check_includes(client, case):
    """include= embeds only what the API shows: the case's hidden event is made one of the Bosnian
    assessment's related events, and the hidden gallery is the media workshop's."""
    bosnia = english(AssessmentPage, "nrm-assessment-bosnia-and-herzegovina")
    if case.link_target is not None:
        EventPage.objects.filter(translation_key=case.link_target.translation_key).update(assessment=bosnia)
    hidden = hidden_pairs(case)
    linking = {
        str(page.translation_key) for page in (bosnia, english(EventPage, "media-reporting-workshop-2017"))
    }
    linking.add(str(english(GalleryPage, "media-reporting-workshop-2017-photos").translation_key))
    seen = set()
    for code in LOCALES:
        for collection, names in EVERY_INCLUDE.items():
            for fallback in ("", "&fallback=source"):
                path = f"/api/v1/{code}/{collection}/?page_size=100&include={names}{fallback}"
                response = get(client, path)
                assert_clean(case, response.content.decode())
                items = response.json()["results"]
                for item in items:
                    for inner in embedded(item):
                        assert (inner["locale"], inner["translation_key"]) not in hidden
                        seen.add((inner["locale"], inner["translation_key"]))
                details = [item for item in items if fallback and item["translation_key"] in linking]
                for item in details:
                    detail = get(client, f"{item['api_url']}?include={names}&fallback=source")
                    assert_clean(case, detail.content.decode())
                    for inner in embedded(detail.json()):
                        assert (inner["locale"], inner["translation_key"]) not in hidden
    if case.link_target is not None and not case.link_hidden:  # still shown: still embedded
        assert ("en", str(case.link_target.translation_key)) in seen


ENDPOINTS = {
    "lists": check_lists,
    "details": check_details,
    "search": check_search,
    "changes feed": check_changes,
    "translations": check_translations,
    "locale counts": check_locale_counts,
    "rich-text links": check_links,
    "feeds": check_feeds,
    "preview": check_preview,
    "include=": check_includes,
}


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_nothing_hidden_leaks(client, case, endpoint):
    ENDPOINTS[endpoint](client, case)


def test_the_cases_hide_something_that_was_shown(client, django_capture_on_commit_callbacks):
    """The matrix is only worth something if its cases remove what a partner saw before."""
    adana = english(EventPage, "dgmm-awareness-training-adana-2016")
    before = shown(listed(client, "tr", "events"))
    assert ("tr", str(adana.translation_key)) in before
    with django_capture_on_commit_callbacks(execute=True):
        case = restricted_page()
    after = shown(listed(client, "tr", "events"))
    assert before - after == {("tr", str(adana.translation_key))}
    assert ("tr", str(adana.translation_key)) in hidden_pairs(case)

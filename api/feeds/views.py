"""The feeds' endpoints: /api/v1/{locale}/events.ics, /api/v1/{locale}/feed.atom and
/api/v1/sitemap.xml.

They are API views like the others: the same visibility rules, JSON errors (an unknown locale is
the API's 404), and the API cache middleware gives each its ETag, Last-Modified, 304s and
Cache-Control.
"""

import uuid
from collections import defaultdict
from datetime import datetime

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from drf_spectacular.utils import OpenApiResponse, extend_schema
from wagtail.models import Page

from cms import i18n
from pages.partner_links import partner_url

from ..changes import current_version
from ..collections import COLLECTIONS, EVENTS
from ..links import TYPE_OF_MODEL, absolute, detail_path
from ..params import reject_unknown
from ..views import ReadOnlyAPIView
from .atom import Entry, atom_feed
from .content import item_uuid, published
from .ics import events_calendar
from .sitemap import sitemap

ATOM_LIMIT = 50
CALENDAR_TYPE = "text/calendar; charset=utf-8"
ATOM_TYPE = "application/atom+xml; charset=utf-8"
SITEMAP_TYPE = "application/xml; charset=utf-8"


def feed_response(description, media_type):
    """The schema of a feed's 200: its media type, with no JSON schema to check it against."""
    return {(200, media_type): OpenApiResponse(description=description)}


class FeedView(ReadOnlyAPIView):
    """A feed answers in its own format whatever the client accepts (a calendar application may
    ask for text/calendar only, which no JSON renderer offers); its errors are JSON like every
    other error of the API."""

    def perform_content_negotiation(self, request, force=False):
        return super().perform_content_negotiation(request, force=True)

    @staticmethod
    def respond(body, content_type, language_code=None):
        response = HttpResponse(body, content_type=content_type)
        if language_code:
            response["Content-Language"] = language_code
        return response


class EventsCalendarView(FeedView):
    """Every event published in a locale, one VEVENT each."""

    @extend_schema(
        operation_id="events_calendar",
        summary="The events published in a locale as iCalendar (RFC 5545)",
        responses=feed_response("An iCalendar of all-day events", "text/calendar"),
    )
    def get(self, request, locale):
        code = self.locale(locale)
        reject_unknown(request.GET, set())
        events = (
            published(
                EVENTS, self.visibility, code, "start_date", "end_date", "venue", "city", "country", "kind"
            )
            .select_related("country")
            .order_by("start_date", "pk")
        )
        return self.respond(events_calendar(events, code), CALENDAR_TYPE, code)


class AtomFeedView(FeedView):
    """The latest events, assessments and galleries published in a locale, newest first."""

    @extend_schema(
        operation_id="atom_feed",
        summary="The latest items published in a locale as an Atom feed (RFC 4287)",
        responses=feed_response(
            f"The {ATOM_LIMIT} items first published most recently in this locale", "application/atom+xml"
        ),
    )
    def get(self, request, locale):
        code = self.locale(locale)
        reject_unknown(request.GET, set())
        pages: list[tuple[str, Page]] = []
        for collection in COLLECTIONS.values():
            newest = published(collection, self.visibility, code).order_by("-first_published_at", "-pk")
            pages.extend((collection.name, page) for page in newest[:ATOM_LIMIT])
        pages.sort(key=lambda item: (item[1].first_published_at, item[1].pk), reverse=True)
        pages = pages[:ATOM_LIMIT]
        with translation.override(code):
            entries = [
                Entry(
                    uri=f"urn:uuid:{item_uuid(page.translation_key, code)}",
                    category=TYPE_OF_MODEL[type(page)],
                    category_label=str(type(page)._meta.verbose_name),
                    title=page.title,
                    summary=page.summary,
                    published=page.first_published_at,
                    updated=page.last_published_at,
                    url=partner_url(code, name, page.slug),
                    api_url=absolute(request, detail_path(name, code, page.slug)),
                )
                for name, page in pages
            ]
            site = str(settings.WAGTAIL_SITE_NAME)
        updated = max((entry.updated for entry in entries), default=None)
        body = atom_feed(
            language_code=code,
            feed_id=f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, feed_address(code))}",
            title=site,
            updated=updated or current_version()[1] or timezone.now(),
            self_url=request.build_absolute_uri(request.path),
            alternate_url=partner_home(request, code),
            author=site,
            entries=entries,
        )
        return self.respond(body, ATOM_TYPE, code)


def feed_address(code):
    """The feed's address on the CMS's own base URL: what its permanent id is made from, so that
    the id does not change with the host a request came to."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("api:atom", kwargs={"locale": code})


def partner_home(request, code):
    """The partner site's home in this language (PARTNER_PAGE_URL's origin), or, without a
    partner site, the API's events of this locale."""
    template = settings.PARTNER_PAGE_URL_BY_LOCALE.get(code) or settings.PARTNER_PAGE_URL
    if template:
        scheme, rest = template.split("://", 1)
        return f"{scheme}://{rest.split('/', 1)[0]}/"
    return absolute(request, reverse("api:events", kwargs={"locale": code}))


class SitemapView(FeedView):
    """Every published item in every locale on the partner site, with its language alternates."""

    @extend_schema(
        operation_id="sitemap",
        summary="Every published item in every locale as a sitemap with hreflang alternates",
        responses=feed_response("A sitemaps.org 0.9 urlset", "application/xml"),
    )
    def get(self, request):
        reject_unknown(request.GET, set())
        order = {code: index for index, code in enumerate(i18n.LANGUAGE_CODES)}
        items: list[tuple[str, datetime, list[tuple[str, str]]]] = []
        for name, collection in COLLECTIONS.items():
            rows = self.visibility.filter(collection.model.objects.all()).values_list(
                "translation_key", "locale__language_code", "slug", "last_published_at"
            )
            by_key = defaultdict(list)
            for key, code, slug, modified in rows:
                by_key[key].append((order[code], code, partner_url(code, name, slug), modified))
            for key in sorted(by_key, key=str):
                versions = sorted(by_key[key])
                alternates = [(code, address) for _index, code, address, _modified in versions]
                items.extend((address, modified, alternates) for _index, _code, address, modified in versions)
        return self.respond(sitemap(items), SITEMAP_TYPE)

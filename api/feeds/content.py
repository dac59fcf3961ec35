"""What the feeds read: the visible items of a locale, their identities and their text."""

import re
import uuid
from xml.sax.xmlreader import AttributesImpl

from django.utils.feedgenerator import rfc3339_date

from ..filters import in_locale

# XML 1.0 cannot carry these; an item's text is plain text, so they can only be stray input
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# What a feed shows of each item: none of the StreamFields, whose decoding costs most
ITEM_FIELDS = (
    "translation_key",
    "slug",
    "title",
    "summary",
    "first_published_at",
    "last_published_at",
    "locale",
)


def plain(text) -> str:
    """Text as every feed format can carry it."""
    return NOT_XML.sub("", str(text or ""))


def item_uuid(translation_key, language_code) -> uuid.UUID:
    """One item in one language, the same in every feed and every deployment: the calendar's UID
    and the Atom entry's id."""
    return uuid.uuid5(uuid.UUID(str(translation_key)), language_code)


def published(collection, visibility, language_code, *fields):
    """The items of a collection visible in this locale, with only what the feeds show of them."""
    queryset = in_locale(collection, visibility, language_code).select_related("locale")
    return queryset.only(*ITEM_FIELDS, *fields)


def timestamp(moment) -> str:
    """RFC 3339 (and W3C Datetime), to the second."""
    return rfc3339_date(moment.replace(microsecond=0))


def start(writer, name, attrs=None):
    """Open an XML element (Django's SimplerXMLGenerator takes the attributes as SAX gives them)."""
    writer.startElement(name, AttributesImpl(attrs or {}))

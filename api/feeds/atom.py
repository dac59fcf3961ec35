"""The latest events, assessments and galleries of a locale as an Atom feed (RFC 4287).

Written with Django's SAX-based XML writer (the one its own feeds use). Text is plain text
(`type="text"`) in left-to-right languages; in a right-to-left one (Urdu) titles and summaries are
`type="xhtml"`, one XHTML `div` with `dir="rtl"`, the only direction mark Atom itself allows
(an unqualified `dir` on Atom's own elements is not valid Atom) and one feed readers honour. The
feed says its language with `xml:lang`.
"""

from dataclasses import dataclass
from datetime import datetime
from io import StringIO

from django.utils.xmlutils import SimplerXMLGenerator

from cms import i18n

from .content import plain, start, timestamp

ATOM = "http://www.w3.org/2005/Atom"
XHTML = "http://www.w3.org/1999/xhtml"


@dataclass(frozen=True, kw_only=True)
class Entry:
    """One item of the feed, as the view prepared it."""

    uri: str  # the entry's permanent id
    category: str  # event, assessment or gallery
    category_label: str  # the same in the feed's language
    title: str
    summary: str
    published: datetime
    updated: datetime
    url: str  # on the partner site
    api_url: str


def text_element(writer, name, text, rtl):
    if not rtl:
        writer.addQuickElement(name, plain(text), {"type": "text"})
        return
    start(writer, name, {"type": "xhtml"})
    writer.addQuickElement("div", plain(text), {"xmlns": XHTML, "dir": "rtl"})
    writer.endElement(name)


def atom_feed(*, language_code, feed_id, title, updated, self_url, alternate_url, author, entries):
    rtl = i18n.locale_info(language_code).is_rtl
    out = StringIO()
    writer = SimplerXMLGenerator(out, "utf-8", short_empty_elements=True)
    writer.startDocument()
    start(writer, "feed", {"xmlns": ATOM, "xml:lang": language_code})
    writer.addQuickElement("id", feed_id)
    text_element(writer, "title", title, rtl)
    writer.addQuickElement("updated", timestamp(updated))
    writer.addQuickElement("link", attrs={"rel": "self", "type": "application/atom+xml", "href": self_url})
    writer.addQuickElement(
        "link", attrs={"rel": "alternate", "hreflang": language_code, "href": alternate_url}
    )
    start(writer, "author")
    writer.addQuickElement("name", plain(author))
    writer.endElement("author")
    for entry in entries:
        start(writer, "entry")
        writer.addQuickElement("id", entry.uri)
        text_element(writer, "title", entry.title, rtl)
        if entry.summary:
            text_element(writer, "summary", entry.summary, rtl)
        writer.addQuickElement("published", timestamp(entry.published))
        writer.addQuickElement("updated", timestamp(entry.updated))
        writer.addQuickElement(
            "link", attrs={"rel": "alternate", "hreflang": language_code, "href": entry.url}
        )
        writer.addQuickElement(
            "link", attrs={"rel": "related", "type": "application/json", "href": entry.api_url}
        )
        writer.addQuickElement(
            "category", attrs={"term": entry.category, "label": plain(entry.category_label)}
        )
        writer.endElement("entry")
    writer.endElement("feed")
    writer.endDocument()
    return out.getvalue().encode()

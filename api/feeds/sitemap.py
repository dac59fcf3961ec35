"""Every published item in every locale as a sitemap (sitemaps.org 0.9), each with its language
alternates (`xhtml:link rel="alternate" hreflang`, itself included), on the partner site."""

from io import StringIO

from django.utils.xmlutils import SimplerXMLGenerator

from .content import start, timestamp

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def sitemap(items):
    """`items`: (address, last modified, [(language code, address), ...]) for each published item
    in each locale, in the order to list them."""
    out = StringIO()
    writer = SimplerXMLGenerator(out, "utf-8", short_empty_elements=True)
    writer.startDocument()
    start(writer, "urlset", {"xmlns": SITEMAP, "xmlns:xhtml": XHTML})
    for address, modified, alternates in items:
        start(writer, "url")
        writer.addQuickElement("loc", address)
        writer.addQuickElement("lastmod", timestamp(modified))
        for language_code, other in alternates:
            writer.addQuickElement(
                "xhtml:link", attrs={"rel": "alternate", "hreflang": language_code, "href": other}
            )
        writer.endElement("url")
    writer.endElement("urlset")
    writer.endDocument()
    return out.getvalue().encode()

"""The last word on the HTML partner sites receive: only the tags and attributes rich text needs.

Rich text comes from Draftail and from translators. wagtail-localize checks translated segments,
but a translator may replace a link's address (an "override") with anything, including a
`javascript:` URL, and the rewriters leave links they do not recognise untouched. Every HTML
field of the API therefore goes through this allow-list: unknown tags are unwrapped (their text
stays, escaped), `<script>` and `<style>` lose their content too, unknown attributes (`onclick`,
`style` ...) are dropped and so are addresses with a scheme other than http(s), mailto or tel.
"""

from functools import lru_cache

from bs4 import BeautifulSoup, Tag
from bs4.dammit import EntitySubstitution
from bs4.formatter import HTMLFormatter
from wagtail.whitelist import DEFAULT_ELEMENT_RULES, Whitelister, attribute_rule, check_url

DROPPED_WITH_CONTENT = {"script", "style", "template", "iframe", "object", "embed", "noscript"}


class APIHTMLWhitelister(Whitelister):
    element_rules = {
        **DEFAULT_ELEMENT_RULES,
        "a": attribute_rule(
            {"href": check_url, "hreflang": True, "data-translation-key": True, "data-api-url": check_url}
        ),
        "blockquote": DEFAULT_ELEMENT_RULES["p"],
        "code": DEFAULT_ELEMENT_RULES["p"],
    }

    def clean_tag_node(self, doc, tag: Tag):
        if tag.name in DROPPED_WITH_CONTENT:
            tag.decompose()
            return
        super().clean_tag_node(doc, tag)


class _Formatter(HTMLFormatter):
    """Escapes text as HTML needs and keeps the attributes in the order they were written."""

    def attributes(self, tag):
        return list(tag.attrs.items())


_whitelister = APIHTMLWhitelister()
_formatter = _Formatter(entity_substitution=EntitySubstitution.substitute_xml, void_element_close_prefix="")


@lru_cache(maxsize=2048)
def clean_html(html: str) -> str:
    """The HTML with everything outside the allow-list removed.

    A pure function of its input, remembered: parsing was a twentieth of an event detail's time,
    and the same paragraphs are asked for again and again (a few MB per worker at most)."""
    doc = BeautifulSoup(html, "html.parser")
    _whitelister.clean_node(doc, doc)
    return doc.decode(formatter=_formatter)

"""The last word on the HTML partner sites receive: only the tags and attributes rich text needs.

Rich text comes from Draftail and from translators. wagtail-localize checks translated segments,
but a translator may replace a link's address (an "override") with anything, including a
`javascript:` URL, and the rewriters leave links they do not recognise untouched. Every HTML
field of the API therefore goes through this allow-list: unknown tags are unwrapped (their text
stays, escaped), `<script>` and `<style>` lose their content too, unknown attributes (`onclick`,
`style` ...) are dropped and so are addresses with a scheme other than http(s), ftp, mailto or
tel. The sanitizer is nh3 (the Rust crate ammonia), which parses as browsers do (html5ever).
"""

from functools import lru_cache

import nh3
from wagtail.whitelist import DEFAULT_ELEMENT_RULES, check_url

# Wagtail's rich text elements, and the two our renderer and Draftail's features add
TAGS = {tag for tag in DEFAULT_ELEMENT_RULES if tag != "[document]"} | {"blockquote", "code"}
DROPPED_WITH_CONTENT = {"script", "style", "template", "iframe", "object", "embed", "noscript"}
ATTRIBUTES = {
    "*": set(),  # none on every tag (ammonia would keep `lang` and `title`)
    "a": {"href", "hreflang", "data-translation-key", "data-api-url"},
    "img": {"src", "width", "height", "alt"},
}
URL_SCHEMES = {"http", "https", "ftp", "mailto", "tel"}
# ammonia checks the schemes of href and src; data-api-url holds an address too
URL_ATTRIBUTES = {("a", "href"), ("a", "data-api-url"), ("img", "src")}


def _check_urls(tag, attribute, value):
    """Wagtail's own address check as well, on every attribute holding an address (None drops it)."""
    return check_url(value) if (tag, attribute) in URL_ATTRIBUTES else value


_cleaner = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags=DROPPED_WITH_CONTENT,
    attributes=ATTRIBUTES,
    attribute_filter=_check_urls,
    url_schemes=URL_SCHEMES,
    link_rel=None,  # links carry only what the renderer wrote
    strip_comments=True,
)


@lru_cache(maxsize=2048)
def clean_html(html: str) -> str:
    """The HTML with everything outside the allow-list removed.

    A pure function of its input, remembered: the same paragraphs are asked for again and again,
    and a few thousand of them take little memory."""
    return _cleaner.clean(html)

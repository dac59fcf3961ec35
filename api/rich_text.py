"""StreamField and rich text for partner sites: typed blocks with rendered, locale-aware HTML.

Internal page links point to the page in the reader's language when it is published there
(else to the English source), with `data-translation-key` and the target's `api_url`.
Document links become download URLs and embedded images rendition URLs. No database
markup (`linktype=`, `embedtype=`) reaches partners. References are resolved in bulk, so the
number of queries does not grow with the number of links.
"""

from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.rich_text import RichText
from wagtail.rich_text.rewriters import FIND_A_TAG, FIND_EMBED_TAG, EmbedRewriter, LinkRewriter, extract_attrs

from . import links
from .sanitize import clean_html
from .visibility import Visibility

EMBED_IMAGE_FILTER = "width-800"


class RichTextRenderer:
    def __init__(self, request, language_code, visibility: Visibility):
        self.request = request
        self.visibility = visibility
        self.language_code = language_code
        self.page_links: dict = {}
        self.documents: dict = {}
        self.images: dict = {}

    # Collecting and resolving --------------------------------------------------------

    def collect(self, stream_values):
        """Read every reference of the given StreamField values: documents and images at once;
        the ids of linked pages are returned, for the caller to resolve with `resolve_links`."""
        page_ids, document_ids, image_ids = set(), set(), set()
        for html in self._rich_texts(stream_values):
            for match in FIND_A_TAG.finditer(html):
                attrs = extract_attrs(match.group(1))
                if attrs.get("linktype") == "page" and attrs.get("id", "").isdigit():
                    page_ids.add(int(attrs["id"]))
                elif attrs.get("linktype") == "document" and attrs.get("id", "").isdigit():
                    document_ids.add(int(attrs["id"]))
            for match in FIND_EMBED_TAG.finditer(html):
                attrs = extract_attrs(match.group(1))
                if attrs.get("embedtype") == "image" and attrs.get("id", "").isdigit():
                    image_ids.add(int(attrs["id"]))
        if document_ids:
            model = get_document_model()
            documents = self.visibility.media.public(model.objects.filter(pk__in=document_ids))
            self.documents = {document.pk: document for document in documents}
        if image_ids:
            images = get_image_model().objects.filter(pk__in=image_ids)
            images = images.prefetch_renditions(EMBED_IMAGE_FILTER)
            self.images = {image.pk: image for image in self.visibility.media.public(images)}
        return page_ids

    def _rich_texts(self, stream_values):
        for stream in stream_values:
            for raw in stream.raw_data:
                if raw["type"] == "paragraph":
                    yield str(raw["value"])

    def resolve_links(self, keys, published):
        """`keys`: linked page id -> translation key; `published`: translation key -> the PageRow of
        the page in the reader's locale (else English). A link to anything else keeps only its text."""
        for page_id, key in keys.items():
            row = published.get(key)
            if row is None:
                continue
            collection = links.COLLECTION_OF_MODEL.get(row.model)
            api_url = (
                links.absolute(self.request, links.detail_path(collection, row.language_code, row.slug))
                if collection
                else None
            )
            self.page_links[page_id] = (str(key), row.language_code, api_url)

    # Rendering ----------------------------------------------------------------------

    def _page_link(self, attrs):
        resolved = self.page_links.get(int(attrs["id"])) if attrs.get("id", "").isdigit() else None
        if resolved is None:
            return "<a>"  # the target is not published: keep the text, drop the link
        key, code, api_url = resolved
        api = f' data-api-url="{escape(api_url)}"' if api_url else ""
        return f'<a data-translation-key="{key}" hreflang="{code}"{api}>'

    def _document_link(self, attrs):
        document = self.documents.get(int(attrs["id"])) if attrs.get("id", "").isdigit() else None
        if document is None:
            return "<a>"
        return f'<a href="{escape(links.absolute(self.request, document.url))}">'

    def _image_embed(self, attrs):
        image = self.images.get(int(attrs["id"])) if attrs.get("id", "").isdigit() else None
        if image is None:
            return ""
        rendition = image.get_rendition(EMBED_IMAGE_FILTER)
        url = escape(links.absolute(self.request, rendition.url))
        alt = escape(attrs.get("alt", ""))
        return f'<img src="{url}" width="{rendition.width}" height="{rendition.height}" alt="{alt}">'

    def html(self, rich_text):
        source = rich_text.source if isinstance(rich_text, RichText) else str(rich_text)
        source = LinkRewriter(rules={"page": self._page_link, "document": self._document_link})(source)
        return clean_html(EmbedRewriter(rules={"image": self._image_embed})(source))

"""StreamField and rich text for partner sites: typed blocks with rendered, locale-aware HTML.

Internal page links point to the page in the reader's language when it is published there
(else to the English source), with `data-translation-key` and the target's `api_url`.
Document links become download URLs and embedded images rendition URLs. No database
markup (`linktype=`, `embedtype=`) reaches partners. References are resolved in bulk, so the
number of queries does not grow with the number of links.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail.rich_text.rewriters import FIND_A_TAG, FIND_EMBED_TAG, EmbedRewriter, LinkRewriter, extract_attrs

from cms import i18n

from . import links
from .visibility import Visibility

EMBED_IMAGE_FILTER = "width-800"


class RichTextRenderer:
    def __init__(self, request, language_code, visibility: Visibility):
        self.request = request
        self.visibility = visibility
        self.language_code = language_code
        self.page_links = {}
        self.documents = {}
        self.images = {}

    # Collecting and resolving --------------------------------------------------------

    def prepare(self, stream_values):
        """Resolve every reference of the given StreamField values at once."""
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
        self._resolve_pages(page_ids)
        model = get_document_model()
        self.documents = {document.pk: document for document in model.objects.filter(pk__in=document_ids)}
        images = get_image_model().objects.filter(pk__in=image_ids).prefetch_renditions(EMBED_IMAGE_FILTER)
        self.images = {image.pk: image for image in images}
        return self

    def _rich_texts(self, stream_values):
        for stream in stream_values:
            for block in stream:
                if block.block_type == "paragraph":
                    yield block.value.source if isinstance(block.value, RichText) else str(block.value)

    def _resolve_pages(self, page_ids):
        if not page_ids:
            return
        keys = dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "translation_key"))
        wanted = {i18n.SOURCE_LANGUAGE, self.language_code}
        candidates = self.visibility.filter(
            Page.objects.filter(translation_key__in=keys.values(), locale__language_code__in=wanted)
        ).values_list("translation_key", "locale__language_code", "slug", "content_type_id", "url_path")
        best = {}
        for key, code, slug, content_type_id, _url_path in candidates:
            if key not in best or code == self.language_code:
                best[key] = (code, slug, content_type_id)
        for page_id, key in keys.items():
            if key in best:
                code, slug, content_type_id = best[key]
                model = ContentType.objects.get_for_id(content_type_id).model_class()
                collection = links.COLLECTION_OF_MODEL.get(model)
                api_url = (
                    links.absolute(self.request, links.detail_path(collection, code, slug))
                    if collection
                    else None
                )
                self.page_links[page_id] = (str(key), code, api_url)

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
        return EmbedRewriter(rules={"image": self._image_embed})(source)

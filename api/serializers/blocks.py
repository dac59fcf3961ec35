"""Bodies: a StreamField as typed blocks, and the documents they offer.

Each block type has its own shape, `type` telling which (`BLOCK`, a discriminated union in the
OpenAPI schema); `stream_blocks` builds them."""

from drf_spectacular.utils import PolymorphicProxySerializer
from rest_framework import serializers

from .. import links
from ..renditions import rendition_set, responsive_image
from .refs import Constant, RenditionSet, ResponsiveImage


class ParagraphBlockSerializer(serializers.Serializer):
    type = Constant("paragraph")
    html = serializers.CharField(help_text="Rendered rich text, passed through the API's allow-list")


class HeadingBlockSerializer(serializers.Serializer):
    type = Constant("heading")
    text = serializers.CharField()


class BulletListBlockSerializer(serializers.Serializer):
    type = Constant("bullet_list")
    items = serializers.ListField(child=serializers.CharField())


class QuoteBlockSerializer(serializers.Serializer):
    type = Constant("quote")
    text = serializers.CharField()
    attribution = serializers.CharField(allow_blank=True)


class ImageBlockSerializer(serializers.Serializer):
    type = Constant("image")
    caption = serializers.CharField(allow_blank=True)
    alt_text = serializers.CharField(allow_blank=True)
    renditions = RenditionSet()
    image = ResponsiveImage(help_text="The same image for srcset: WebP and JPEG widths")


class DocumentBlockSerializer(serializers.Serializer):
    type = Constant("document")
    title = serializers.CharField()
    url = serializers.URLField()
    file_size = serializers.IntegerField(allow_null=True, min_value=0)
    content_type = serializers.CharField()


BLOCK_SERIALIZERS = {
    "paragraph": ParagraphBlockSerializer,
    "heading": HeadingBlockSerializer,
    "bullet_list": BulletListBlockSerializer,
    "quote": QuoteBlockSerializer,
    "image": ImageBlockSerializer,
    "document": DocumentBlockSerializer,
}
# One block of a body: a union of the shapes above, told apart by `type`.
BLOCK = PolymorphicProxySerializer(
    component_name="Block", serializers=BLOCK_SERIALIZERS, resource_type_field_name="type", many=True
)


def stream_blocks(stream, context):
    """A StreamField's blocks; image blocks are read from the raw data (only their renditions are
    shown, and those come with the context), so no image is loaded or processed here."""
    renderer, request = context["renderer"], context.get("request")
    blocks = []
    for index, raw in enumerate(stream.raw_data):
        if raw["type"] == "image":
            value = raw["value"]
            stored = context["renditions"].get(value.get("image"))
            renditions = rendition_set(request, stored)
            caption, alt_text = value.get("caption", ""), value.get("alt_text", "")
            image = responsive_image(request, stored, alt_text, caption)
            if renditions and image:  # none for a private image
                blocks.append(
                    {
                        "type": "image",
                        "caption": caption,
                        "alt_text": alt_text,
                        "renditions": renditions,
                        "image": image,
                    }
                )
            continue
        block = stream[index]
        value = block.value
        if block.block_type == "paragraph":
            blocks.append({"type": "paragraph", "html": renderer.html(value)})
        elif block.block_type == "heading":
            blocks.append({"type": "heading", "text": value})
        elif block.block_type == "bullet_list":
            blocks.append({"type": "bullet_list", "items": list(value)})
        elif block.block_type == "quote":
            blocks.append({"type": "quote", "text": value["quote"], "attribution": value["attribution"]})
        elif block.block_type == "document" and renderer.visibility.media.shows(value["document"]):
            document = value["document"]
            blocks.append(
                {
                    "type": "document",
                    "title": value["title"] or document.title,
                    **document_info(request, document),
                }
            )
    return blocks


def document_info(request, document):
    return {
        "url": links.absolute(request, document.url),
        "file_size": document.file_size,  # recorded at upload; never computed (and saved) in a GET
        "content_type": document.content_type,
    }


def text_items(stream):
    return [block.value for block in stream]

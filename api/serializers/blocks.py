"""Bodies: a StreamField as typed blocks, and the documents they offer."""

from rest_framework import serializers

from .. import links
from ..renditions import rendition_set, responsive_image


class BlockSerializer(serializers.Serializer):
    """One block of a body: `type` says which, the other keys depend on it."""

    type = serializers.CharField()


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

"""The image sizes partner sites get, made once when a page is published and reused after."""

from django.dispatch import receiver
from wagtail.signals import page_published

from . import links

RENDITIONS = {
    "thumbnail": "fill-400x300",
    "medium": "max-800x800",
    "large": "max-1600x1600",
}


def rendition_set(request, image):
    """The three renditions of an image, from those prefetched or stored."""
    renditions = image.get_renditions(*RENDITIONS.values())
    return {
        name: {
            "url": links.absolute(request, renditions[spec].url),
            "width": renditions[spec].width,
            "height": renditions[spec].height,
        }
        for name, spec in RENDITIONS.items()
    }


def images_of(page):
    """Every image a page shows: gallery photos, cover and images of the body."""
    page = page.specific
    images = []
    if hasattr(page, "photos"):
        images += [photo.image for photo in page.photos.select_related("image")]
    if getattr(page, "cover_photo", None):
        images.append(page.cover_photo)
    for block in getattr(page, "body", None) or []:
        if block.block_type == "image" and block.value.get("image"):
            images.append(block.value["image"])
    return images


@receiver(page_published)
def make_renditions_on_publish(sender, instance, **kwargs):
    for image in images_of(instance):
        image.get_renditions(*RENDITIONS.values())

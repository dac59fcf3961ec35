"""The image sizes partner sites get, made once when a page is published and reused after."""

from collections import defaultdict

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.signals import page_published

from media_library.privacy import private_collections

from . import links
from .visibility import MediaVisibility

RENDITIONS = {
    "thumbnail": "fill-400x300",
    "medium": "max-800x800",
    "large": "max-1600x1600",
}
# For `srcset`: each width in each format. An image narrower than a width is not enlarged: that
# rendition is the image's own width, and the API names each width once.
SRCSET_WIDTHS = (320, 640, 1024, 1600)
SRCSET_FORMATS = {"webp": "image/webp", "jpeg": "image/jpeg"}
SRCSET = {(fmt, width): f"width-{width}|format-{fmt}" for fmt in SRCSET_FORMATS for width in SRCSET_WIDTHS}
ALL_SPECS = (*RENDITIONS.values(), *SRCSET.values())


def stored_renditions(image_ids) -> dict:
    """`{image_id: {filter_spec: rendition}}`: the API's renditions of these images, in one query.

    Nothing is made here (renditions are made when a page is published), and nothing of an image
    in a private collection is read at all. Of several renditions with the same spec (made before
    and after the image's focal point changed) the newest wins.
    """
    if not image_ids:
        return {}
    rows = (
        get_image_model()
        .get_rendition_model()
        .objects.filter(image_id__in=image_ids, filter_spec__in=ALL_SPECS)
        .exclude(image__collection__in=private_collections())
        .select_related("image")  # its focal point and size
        .order_by("pk")
    )
    found: defaultdict = defaultdict(dict)
    for rendition in rows:
        found[rendition.image_id][rendition.filter_spec] = rendition
    return found


def rendition_set(request, renditions):
    """The three renditions of an image as the API shows them; None unless all three exist."""
    if not renditions or any(spec not in renditions for spec in RENDITIONS.values()):
        return None
    return {
        name: {
            "url": links.absolute(request, renditions[spec].url),
            "width": renditions[spec].width,
            "height": renditions[spec].height,
        }
        for name, spec in RENDITIONS.items()
    }


def responsive_image(request, renditions, alt_text="", caption=""):
    """An image for `<picture>`/`srcset`: its widths in WebP and JPEG, each with its alternative
    text, the largest JPEG as `src`, and the image's focal point; None unless every one exists
    (they are made on publishing, never here)."""
    if not renditions or any(spec not in renditions for spec in SRCSET.values()):
        return None
    image = renditions[SRCSET["jpeg", SRCSET_WIDTHS[0]]].image
    sources = []
    for fmt, mime_type in SRCSET_FORMATS.items():
        seen, candidates = set(), []
        for width in SRCSET_WIDTHS:
            rendition = renditions[SRCSET[fmt, width]]
            if rendition.width in seen:
                continue
            seen.add(rendition.width)
            candidates.append(
                {
                    "url": links.absolute(request, rendition.url),
                    "width": rendition.width,
                    "height": rendition.height,
                    "alt": alt_text,
                }
            )
        sources.append(
            {
                "type": mime_type,
                "srcset": ", ".join(f"{item['url']} {item['width']}w" for item in candidates),
                "renditions": candidates,
            }
        )
    return {
        "alt": alt_text,
        "caption": caption,
        "width": image.width,
        "height": image.height,
        "focal_point": focal_point(image),
        "src": sources[-1]["renditions"][-1],  # the largest JPEG, for browsers without srcset
        "sources": sources,
    }


def focal_point(image):
    """The image's focal point as percentages of its width and height (CSS `object-position`)."""
    if image.focal_point_x is None or image.focal_point_y is None or not image.width or not image.height:
        return None
    return {
        "x": round(100 * image.focal_point_x / image.width, 1),
        "y": round(100 * image.focal_point_y / image.height, 1),
    }


def images_of(page):
    """Every image a page shows: lead image, gallery photos, cover and images of the body."""
    page = page.specific
    images = []
    if getattr(page, "lead_image", None):
        images.append(page.lead_image)
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
    media = MediaVisibility()
    for image in media.public(images_of(instance)):  # no public file is made of a private image
        image.get_renditions(*ALL_SPECS)


@receiver(post_save, sender=get_image_model())
def forget_renditions_of_a_private_image(sender, instance, raw=False, **kwargs):
    """An image moved into a private collection loses every rendition it has.

    Renditions are plain files under MEDIA_URL that no Django code guards, and the API may already
    have given their addresses to partners. Deleting the rows through the ORM lets Wagtail's own
    post_delete receivers remove the files once the transaction commits, so those addresses
    answer 404. The admin may make new thumbnails of it afterwards (see docs/security.md).
    """
    if raw:
        return
    if private_collections().filter(pk=instance.collection_id).exists():
        instance.renditions.all().delete()


def forget_renditions_in(collection):
    """Delete the renditions of every image in this collection and in those below it."""
    collections = collection.get_descendants(inclusive=True)
    get_image_model().get_rendition_model().objects.filter(image__collection__in=collections).delete()


@receiver(post_save, sender=CollectionViewRestriction)
def forget_renditions_of_a_restricted_collection(sender, instance, raw=False, **kwargs):
    """A collection that becomes private takes its images' renditions (and those of its child
    collections) with it, as when one image is moved in."""
    if raw:
        return
    forget_renditions_in(instance.collection)


@receiver(post_save, sender=Collection)
def forget_renditions_of_a_collection_moved_under_a_private_one(sender, instance, raw=False, **kwargs):
    """A collection moved under a private one becomes private with all it holds.

    Wagtail's collection form saves the collection and then moves it (treebeard sends no signal
    for a move), in one transaction: the check waits for the commit, when the move is done.
    """
    if raw:
        return

    def check():
        collection = Collection.objects.filter(pk=instance.pk).first()
        if collection is not None and private_collections().filter(pk=collection.pk).exists():
            forget_renditions_in(collection)

    transaction.on_commit(check)

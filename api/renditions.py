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
        .objects.filter(image_id__in=image_ids, filter_spec__in=RENDITIONS.values())
        .exclude(image__collection__in=private_collections())
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
    media = MediaVisibility()
    for image in media.public(images_of(instance)):  # no public file is made of a private image
        image.get_renditions(*RENDITIONS.values())


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

"""Which media collections are private: under a view restriction, their own or an ancestor's.

Nothing of an image or document in a private collection reaches readers: the API names none
(api/visibility.py), renditions of them are deleted (api/renditions.py), document downloads answer
404 (wagtail_hooks.py), and no translation may put one in place of another (editorial/guards.py).
"""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import Collection, CollectionViewRestriction


def private_collections():
    """A subquery: the media collections under a view restriction (their own or an ancestor's)."""
    restriction_above = CollectionViewRestriction.objects.filter(
        collection__path=Substr(OuterRef("path"), 1, Length("collection__path"))
    )
    return Collection.objects.filter(Exists(restriction_above)).values("pk")


def private_collection_ids() -> set[int]:
    return set(private_collections().values_list("pk", flat=True))


def is_private(media) -> bool:
    """Whether this image or document is in a private collection."""
    return private_collections().filter(pk=media.collection_id).exists()

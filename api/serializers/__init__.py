"""Output shapes of the API: one small serializer per shape, listing and detail apart.

Serializers read what the view prepared in their context (translation states, published
translations, related pages, the rich text renderer), so they never query per item.

`refs` holds the small shapes the others are made of, `blocks` the bodies, `lists` what every
item carries and a list shows, `details` the rest of a detail, `snippets` the locales and snippets,
`changes` an entry of the changes feed.
"""

from .changes import ChangeSerializer
from .details import AssessmentDetailSerializer, EventDetailSerializer, GalleryDetailSerializer
from .lists import (
    AssessmentListSerializer,
    EventCardSerializer,
    EventListSerializer,
    GalleryCardSerializer,
    GalleryListSerializer,
    IncludedAssessmentSerializer,
    ItemSerializer,
)
from .snippets import CountrySerializer, LocaleSerializer, OrganisationSerializer, TopicSerializer

__all__ = [
    "AssessmentDetailSerializer",
    "AssessmentListSerializer",
    "ChangeSerializer",
    "CountrySerializer",
    "EventCardSerializer",
    "EventDetailSerializer",
    "EventListSerializer",
    "GalleryCardSerializer",
    "GalleryDetailSerializer",
    "GalleryListSerializer",
    "IncludedAssessmentSerializer",
    "ItemSerializer",
    "LocaleSerializer",
    "OrganisationSerializer",
    "TopicSerializer",
]

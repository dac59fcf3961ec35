from .assessments import AssessmentPage, AssessmentTopic
from .base import (
    AssessmentIndexPage,
    BasePage,
    EventIndexPage,
    GalleryIndexPage,
    HomePage,
    PartnerPage,
    TranslatableOrderable,
)
from .events import EventExpert, EventOrganisation, EventPage, EventParticipatingCountry, EventTopic
from .galleries import GalleryPage, GalleryPhoto
from .search import SearchDocument
from .snippets import Country, Organisation, Person, Topic

__all__ = [
    "AssessmentIndexPage",
    "AssessmentPage",
    "AssessmentTopic",
    "BasePage",
    "Country",
    "EventExpert",
    "EventIndexPage",
    "EventOrganisation",
    "EventPage",
    "EventParticipatingCountry",
    "EventTopic",
    "GalleryIndexPage",
    "GalleryPage",
    "GalleryPhoto",
    "HomePage",
    "Organisation",
    "PartnerPage",
    "Person",
    "SearchDocument",
    "Topic",
    "TranslatableOrderable",
]

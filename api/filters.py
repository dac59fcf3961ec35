"""What a list's query string selects: the items of a locale (with English fallback) and the
filters of each collection (country, topic, kind, dates)."""

from django.db.models import Q
from wagtail.models import Locale, Page

from cms import i18n
from pages.models import (
    AssessmentPage,
    AssessmentTopic,
    Country,
    EventPage,
    EventParticipatingCountry,
    EventTopic,
)

from .sqlite_tuning import page_id_in


def shown_languages(language_code, fallback=False):
    """The languages a list in this locale shows items in: its own, and English with fallback."""
    return {language_code, i18n.SOURCE_LANGUAGE} if fallback else {language_code}


def in_locale(collection, visibility, language_code, fallback=False):
    """The visible items of a collection in a locale; with fallback, English items not yet published in it."""
    queryset = visibility.filter(collection.model.objects.all())
    if not fallback or language_code == i18n.SOURCE_LANGUAGE:
        return queryset.filter(locale__language_code=language_code)
    published_here = queryset.filter(locale__language_code=language_code).values("translation_key")
    return queryset.filter(
        Q(locale__language_code=language_code)
        | Q(locale__language_code=i18n.SOURCE_LANGUAGE) & ~Q(translation_key__in=published_here)
    )


def _own_country_ids(model, iso_codes):
    """Ids of the pages whose own country is one of these, read from the country index alone.

    Not `country__in`: SQLite stores the country after the pages' StreamFields, so testing it on
    each candidate row read that row's overflow pages too, a cost that grew with the events."""
    countries = Country.objects.filter(iso_code__in=iso_codes)
    return model.objects.filter(country__in=countries).order_by().values("pk")


def _took_part_ids(iso_codes, language_codes=None):
    """Ids of the events a country took part in (listed among the participating countries), in
    these languages only if given: across all seven, the list to test was seven times longer."""
    rows = EventParticipatingCountry.objects.filter(
        country__in=Country.objects.filter(iso_code__in=iso_codes)
    )
    if language_codes:
        rows = rows.filter(locale__in=Locale.objects.filter(language_code__in=language_codes))
    return rows.order_by().values("page_id")


# Each collection's filters: the items among `queryset` matching a list's parameters, shown in
# these languages.


def filter_events(queryset, params, language_codes):
    if params.kind:
        queryset = queryset.filter(kind=params.kind)
    # Uncorrelated subqueries, each read once from its index: asked for every event of the
    # locale, the correlated ones grew the list's time with the events.
    if params.countries:
        own = _own_country_ids(EventPage, params.countries)
        took_part = _took_part_ids(params.countries, language_codes)
        queryset = queryset.filter(page_id_in(own) | page_id_in(took_part))
    if params.topics:
        tagged = EventTopic.objects.filter(topic__code__in=params.topics).values("page_id")
        queryset = queryset.filter(pk__in=tagged)
    if params.date_from:
        queryset = queryset.filter(end_date__gte=params.date_from)
    if params.date_to:
        queryset = queryset.filter(start_date__lte=params.date_to)
    return queryset


def filter_assessments(queryset, params, language_codes):
    if params.kind:
        queryset = queryset.filter(kind=params.kind)
    if params.countries:
        queryset = queryset.filter(page_id_in(_own_country_ids(AssessmentPage, params.countries)))
    if params.topics:
        tagged = AssessmentTopic.objects.filter(topic__code__in=params.topics).values("page_id")
        queryset = queryset.filter(pk__in=tagged)
    if params.date_from:
        queryset = queryset.filter(publication_date__gte=params.date_from)
    if params.date_to:
        queryset = queryset.filter(publication_date__lte=params.date_to)
    return queryset


def filter_galleries(queryset, params, language_codes):
    # by the translation keys of the matching events, found once as for the events list
    if params.countries:
        countries = params.countries
        own, took_part = _own_country_ids(EventPage, countries), _took_part_ids(countries)
        events = Page.objects.filter(Q(pk__in=own) | Q(pk__in=took_part))
        queryset = queryset.filter(event__translation_key__in=events.values("translation_key"))
    if params.topics:
        tagged = EventTopic.objects.filter(topic__code__in=params.topics).values("page__translation_key")
        queryset = queryset.filter(event__translation_key__in=tagged)
    if params.date_from:
        queryset = queryset.filter(date__gte=params.date_from)
    if params.date_to:
        queryset = queryset.filter(date__lte=params.date_to)
    return queryset

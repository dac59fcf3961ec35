"""wagtail-localize's source records for many new pages at once.

wagtail-localize records a page as a translation source (`TranslationSource.update_or_create_from_instance`)
one segment at a time: for each of an event's sixty segments a get-or-create of its string, of its
context and of the segment, then an update of the context's field path, about 300 queries per
event, two fifths of the seeder's time. `record_sources` leaves the same rows for pages that have
no source yet, each kind written by one statement per batch; the few template and overridable
segments (a rich text's markup and its links) still go through wagtail-localize's own `from_value`.
tests/test_bench.py checks that both ways leave the same segments.
"""

import json

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    String,
    StringSegment,
    TemplateSegment,
    TranslatableObject,
    TranslationContext,
    TranslationSource,
    get_schema_version,
)
from wagtail_localize.segments import (
    OverridableSegmentValue,
    RelatedObjectSegmentValue,
    StringSegmentValue,
    TemplateSegmentValue,
)
from wagtail_localize.segments.extract import extract_segments


class AlreadyASource(Exception):
    """A page given to `record_sources` is a translation source already."""


def record_sources(pages):
    """Record these new specific pages as wagtail-localize translation sources, segments and all, as
    `TranslationSource.update_or_create_from_instance` would; returns the sources in their order."""
    keys = [page.translation_key for page in pages]
    if TranslationSource.objects.filter(object_id__in=keys).exists():
        raise AlreadyASource("Some of these pages are translation sources already.")
    TranslatableObject.objects.bulk_create(
        [
            TranslatableObject(
                translation_key=page.translation_key,
                content_type=ContentType.objects.get_for_model(page.get_translation_model()),
            )
            for page in pages
        ],
        ignore_conflicts=True,
    )
    now = timezone.now()
    versions = {}
    sources = TranslationSource.objects.bulk_create(
        [
            TranslationSource(
                object_id=page.translation_key,
                specific_content_type=ContentType.objects.get_for_model(type(page)),
                locale_id=page.locale_id,
                object_repr=str(page)[:200],
                content_json=page.to_json(),
                schema_version=versions.setdefault(
                    page._meta.app_label, get_schema_version(page._meta.app_label)
                ),
                last_updated_at=now,
            )
            for page in pages
        ]
    )
    # what refresh_segments extracts: the page as its source's content holds it
    extracted = []
    for page, source in zip(pages, sources, strict=True):
        instance = page.with_content_json(json.loads(source.content_json))
        extracted.append((source, instance, extract_segments(instance)))
    contexts = _contexts(extracted)
    strings = _strings(extracted)
    _related_objects(extracted)
    string_segments, related_segments = [], []
    for source, _instance, values in extracted:
        for value in values:
            context = contexts[source.object_id, value.path]
            if isinstance(value, StringSegmentValue):
                string_segments.append(
                    StringSegment(
                        source=source,
                        context=context,
                        order=value.order,
                        string_id=strings[source.locale_id, value.string.data],
                        attrs=json.dumps(value.attrs, cls=DjangoJSONEncoder),
                    )
                )
            elif isinstance(value, RelatedObjectSegmentValue):
                related_segments.append(
                    RelatedObjectSegment(
                        source=source, context=context, order=value.order, object_id=value.translation_key
                    )
                )
            elif isinstance(value, TemplateSegmentValue):
                TemplateSegment.from_value(source, value)  # finds the context made above
            elif isinstance(value, OverridableSegmentValue):
                OverridableSegment.from_value(source, value)
    StringSegment.objects.bulk_create(string_segments)
    RelatedObjectSegment.objects.bulk_create(related_segments)
    return sources


def _contexts(extracted):
    """Each segment's context, by source object and path, with its field path worked out."""
    contexts = {}
    for source, instance, values in extracted:
        for value in values:
            key = (source.object_id, value.path)
            if key not in contexts:
                context = TranslationContext(
                    object_id=source.object_id,
                    path=value.path,
                    path_id=TranslationContext._get_path_id(value.path),
                )
                # get_field_path saves what it works out at once; here it is saved with the rest
                context.save = _not_yet
                context.get_field_path(instance)
                del context.save
                contexts[key] = context
    TranslationContext.objects.bulk_create(contexts.values())
    return contexts


def _not_yet(*args, **kwargs):
    pass


def _strings(extracted):
    """The ids of the segments' strings, by locale and text, made where they are new."""
    texts = {
        (source.locale_id, value.string.data)
        for source, _instance, values in extracted
        for value in values
        if isinstance(value, StringSegmentValue)
    }
    hashes = {(locale, data): String._get_data_hash(data) for locale, data in texts}
    String.objects.bulk_create(
        [String(locale_id=locale, data_hash=hashes[locale, data], data=data) for locale, data in texts],
        ignore_conflicts=True,
    )
    ids = {}
    for locale in {locale for locale, _data in texts}:
        of_locale = [data_hash for (code, _data), data_hash in hashes.items() if code == locale]
        found = String.objects.filter(locale_id=locale, data_hash__in=of_locale)
        for pk, data in found.values_list("pk", "data"):
            ids[locale, data] = pk
    return ids


def _related_objects(extracted):
    """The translatable objects the segments refer to (a page's country, its experts...)."""
    TranslatableObject.objects.bulk_create(
        [
            TranslatableObject(translation_key=value.translation_key, content_type=value.content_type)
            for _source, _instance, values in extracted
            for value in values
            if isinstance(value, RelatedObjectSegmentValue)
        ],
        ignore_conflicts=True,
    )

"""Translating pages and snippets through wagtail-localize's own records.

Commands (bootstrap, load_demo) and tests translate content here so that the result
is what an editor's translation would be: a TranslationSource, a Translation per
locale, StringTranslation rows for every segment, and the target saved from them.
A translation is never saved with English standing in for a missing segment.
A page's slug is no segment: the translation makes its own from its title (pages.slugs).
"""

from collections.abc import Callable

from django.db import transaction
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

# Given the English text of a segment, return its translation, or None if there is none.
Translator = Callable[[str], str | None]


class MissingTranslations(Exception):
    """Some segments have no translation; nothing was saved."""

    def __init__(self, instance, locale, missing):
        self.missing = missing
        listed = "\n".join(f"  - {text!r}" for text in missing)
        super().__init__(
            f"{len(missing)} segment(s) of {instance!r} have no {locale.language_code} translation:\n{listed}"
        )


def translate(instance, locale: Locale, translator: Translator, user=None, publish=True):
    """Translate `instance` into `locale`, every segment's text coming from `translator`.

    Raises MissingTranslations (before anything is written) if a segment has no translation.
    Returns the translated instance.
    """
    with transaction.atomic():
        source, _created = TranslationSource.update_or_create_from_instance(instance)
        segments = list(StringSegment.objects.filter(source=source).select_related("string", "context"))
        translated = {}
        missing = []
        for segment in segments:
            text = translator(segment.string.data)
            if text:
                translated[segment] = text
            else:
                missing.append(segment.string.data)
        if missing:
            raise MissingTranslations(instance, locale, missing)

        for segment, text in translated.items():
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
            )
        Translation.objects.update_or_create(source=source, target_locale=locale, defaults={"enabled": True})
        # Objects without drafts (our snippets) can only be saved live.
        translated, _created = source.create_or_update_translation(
            locale, user=user, publish=publish or not isinstance(instance, DraftStateMixin)
        )
        return translated


def translation_exists(instance, locale: Locale) -> bool:
    return instance.get_translations().filter(locale=locale).exists()


def save_translation_draft(translation, user=None):
    """Save a translation's segments as a draft revision of its page, leaving the live page alone.

    wagtail-localize's save_target(publish=False) also writes the draft into the page's own row,
    which for a live page is what readers (and the API) see: an unreviewed translation would go
    live. The live content is put back from the live revision, in the same transaction.
    """
    with transaction.atomic():
        page = translation.get_target_instance()
        live_revision = page.live_revision if page.live else None
        translation.save_target(user=user, publish=False)
        if live_revision is not None:
            # the revision's content predates its publication: keep the page's own publishing facts
            restored = live_revision.as_object()
            restored.live_revision_id = live_revision.pk
            restored.last_published_at = page.last_published_at
            restored.has_unpublished_changes = True
            restored.save(clean=False)
        return Page.objects.get(pk=page.pk).specific

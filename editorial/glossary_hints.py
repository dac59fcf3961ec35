"""The glossary where translators work: in the translation editor and in downloaded PO files.

- The editor shows the glossary entries whose English term occurs in the source's segments, each
  with the places (field and block) where it occurs.
- It also lists the translated segments that do not seem to use an approved translation: a hint
  for reviewers (glossary.matching says how inflected words are compared), never a refusal.
- A downloaded PO file carries the entries occurring in each message as translator comments
  (`# Glossary: THB = ... (note)`), which an upload ignores.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.views.edit_translation import user_can_edit_instance

from glossary.matching import Entry, entries_in, plain, uses_translation
from glossary.models import entries

SHOWN_MISMATCHES = 20


@dataclass
class TermUse:
    entry: Entry
    places: list[str] = field(default_factory=list)  # where it occurs, in page order


@dataclass
class Mismatch:
    entry: Entry
    place: str
    english: str
    translated: str


@dataclass
class GlossaryPanel:
    language_code: str
    terms: list[TermUse]
    mismatches: list[Mismatch]
    more_mismatches: int = 0

    @property
    def mismatch_count(self) -> int:
        return len(self.mismatches) + self.more_mismatches


def segments_of(source, locale):
    """(segment id, context path, English text, translated text or None) in page order."""
    segments = list(
        StringSegment.objects.filter(source=source).select_related("string", "context").order_by("order")
    )
    rows = StringTranslation.objects.filter(
        locale=locale,
        translation_of_id__in={segment.string_id for segment in segments},
        context_id__in={segment.context_id for segment in segments},
        has_error=False,
    ).values_list("translation_of_id", "context_id", "data")
    translated = {(string, context): data for string, context, data in rows}
    for segment in segments:
        yield (
            segment.pk,
            segment.context.path,
            segment.string.data,
            translated.get((segment.string_id, segment.context_id)),
        )


def glossary_panel(translation: Translation, labels: dict[int, str]) -> GlossaryPanel | None:
    """What the glossary says about a translation; None when no term of it occurs.

    `labels` names the places of the segments the editor shows (by segment id); others are named
    by their content path.
    """
    glossary = entries(translation.target_locale_id)
    if not glossary:
        return None
    uses: dict[Entry, TermUse] = {}
    mismatches = []
    for segment_id, path, english, translated in segments_of(translation.source, translation.target_locale):
        place = labels.get(segment_id, path)
        for entry in entries_in(english, glossary):
            use = uses.setdefault(entry, TermUse(entry))
            if place not in use.places:
                use.places.append(place)
            if translated and not uses_translation(entry.translation, translated):
                mismatches.append(Mismatch(entry, place, plain(english), plain(translated)))
    if not uses:
        return None
    return GlossaryPanel(
        language_code=translation.target_locale.language_code,
        terms=[uses[entry] for entry in glossary if entry in uses],
        mismatches=mismatches[:SHOWN_MISMATCHES],
        more_mismatches=max(0, len(mismatches) - SHOWN_MISMATCHES),
    )


def segment_labels(props: dict) -> dict[int, str]:
    """Each string segment's place as the translation editor names it: "Body › Paragraph"."""
    labels = {}
    for segment in props.get("segments", []):
        if segment.get("type") != "string":
            continue
        location = segment.get("location") or {}
        parts = [location.get("field"), location.get("subField")]
        labels[segment["id"]] = " › ".join(str(part) for part in parts if part) or segment.get(
            "contentPath", ""
        )
    return labels


def export_po_with_glossary(translation: Translation):
    """wagtail-localize's PO export, each message with the glossary entries occurring in it."""
    po = translation.export_po()
    glossary = entries(translation.target_locale_id)
    for message in po:
        found = entries_in(message.msgid, glossary)
        if found:
            message.tcomment = "\n".join(entry.comment() for entry in found)
    return po


def download_po(request, translation_id):
    """Takes the place of wagtail-localize's PO download (same address and file)."""
    translation = get_object_or_404(Translation, id=translation_id)
    if not user_can_edit_instance(request.user, translation.get_target_instance()):
        raise PermissionDenied
    response = HttpResponse(
        str(export_po_with_glossary(translation)), content_type="text/x-gettext-translation"
    )
    name = f"{slugify(translation.source.object_repr)}-{translation.target_locale.language_code}.po"
    response["Content-Disposition"] = f"attachment; filename={name}"
    return response

"""What a page's preview in the admin shows: every field its editors fill in, and for a translation
the English source beside it.

The CMS serves no page to readers (partner sites build theirs from the API), so the preview is for
editors, reviewers and moderators: it walks the page type's editing panels, in their order, and
shows each filled field (text, choices in the page's language, dates, snippets, rich text and
blocks, photos and documents). Images of a private collection are named, never rendered: a
rendition is a public file.
"""

from dataclasses import dataclass, field
from typing import Any

from wagtail.admin.panels import FieldPanel, InlinePanel, PanelGroup
from wagtail.documents.models import AbstractDocument
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage
from wagtail.models import Locale

from cms import i18n

TEXT, STREAM, IMAGE, PHOTOS, DOCUMENT, ITEMS = "text", "stream", "image", "images", "document", "items"


@dataclass
class Entry:
    name: str
    label: str
    kind: str
    value: Any
    private: bool = False  # an image of a private collection: named, not shown


@dataclass
class Row:
    """One field of the page and, for a translation, the same field of its English source."""

    label: str
    here: Entry | None
    source: Entry | None = None


@dataclass
class Preview:
    rows: list[Row] = field(default_factory=list)
    source_title: str = ""
    source_language: str = ""


def panel_names(panels) -> dict[str, str]:
    """The field and inline relation names of these panels, nested groups included, in order, with
    the heading of each inline panel (a field's label is its verbose name)."""
    names: dict[str, str] = {}
    for panel in panels:
        if isinstance(panel, PanelGroup):
            names.update(panel_names(panel.children))
        elif isinstance(panel, InlinePanel):
            names[panel.relation_name] = str(panel.heading or panel.relation_name)
        elif isinstance(panel, FieldPanel) and panel.field_name != "title":
            names[panel.field_name] = ""
    return names


def is_private(media) -> bool:
    return any(True for _restriction in media.collection.get_view_restrictions())


def describe(instance, model_field) -> tuple[str, Any]:
    """(kind, value) of one filled field, or (TEXT, "") for an empty one."""
    value = getattr(instance, model_field.name)
    if isinstance(model_field, StreamField):
        return STREAM, value if value else ""
    if model_field.choices:
        return TEXT, getattr(instance, f"get_{model_field.name}_display")() if value else ""
    if isinstance(value, AbstractImage):
        return IMAGE, value
    if isinstance(value, AbstractDocument):
        return DOCUMENT, value
    return TEXT, "" if value is None else value


def child_text(child) -> str:
    """An inline item (an organisation's role, a trainer, a topic) as one line."""
    parts = []
    for child_field in child._meta.concrete_fields:
        if child_field.primary_key or child_field.name in ("page", "sort_order", "translation_key", "locale"):
            continue
        kind, value = describe(child, child_field)
        if kind == TEXT and value not in ("", None):
            parts.append(str(value))
    return " · ".join(parts)


def entry(page, name, heading="") -> Entry | None:
    model_field = page._meta.get_field(name)
    if model_field.one_to_many:  # an inline panel's items
        children = list(getattr(page, name).all())
        label = heading or str(model_field.related_model._meta.verbose_name_plural)
        photos = [child for child in children if isinstance(getattr(child, "image", None), AbstractImage)]
        if photos:
            value = [
                (photo.image, getattr(photo, "caption", ""), is_private(photo.image)) for photo in photos
            ]
            return Entry(name, label, PHOTOS, value)
        lines = [line for line in map(child_text, children) if line]
        return Entry(name, label, ITEMS, lines) if lines else None
    kind, value = describe(page, model_field)
    if value in ("", None):
        return None
    private = kind == IMAGE and is_private(value)
    return Entry(name, str(model_field.verbose_name), kind, value, private=private)


def entries(page) -> dict[str, Entry]:
    found = {}
    for name, heading in panel_names(type(page).content_panels).items():
        described = entry(page, name, heading)
        if described is not None:
            found[name] = described
    return found


def preview_of(page) -> Preview:
    """The page's filled fields, and for a translation its English source's beside them."""
    here = entries(page)
    source_page = None
    if page.locale.language_code != i18n.SOURCE_LANGUAGE:
        source_locale = Locale.objects.filter(language_code=i18n.SOURCE_LANGUAGE).first()
        source_page = page.get_translation_or_none(source_locale) if source_locale else None
    if source_page is None:
        return Preview(rows=[Row(item.label, item) for item in here.values()])
    source_page = source_page.specific
    there = entries(source_page)
    names = [name for name in panel_names(type(page).content_panels) if name in here or name in there]
    rows = [Row((here.get(name) or there[name]).label, here.get(name), there.get(name)) for name in names]
    return Preview(
        rows=rows,
        source_title=source_page.title,
        source_language=i18n.locale_info(i18n.SOURCE_LANGUAGE).native_name,
    )

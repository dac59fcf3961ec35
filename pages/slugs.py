"""A translated page's slug follows its translated title; translators never translate it.

By default wagtail-localize offers a page's slug as one more segment to translate, on the Promote
tab, where translators rarely look: a translation whose text is all translated still counted as
incomplete, and its moderator had to publish it "with untranslated segments in English". So pages
declare the slug neither translated nor synchronised (`SLUG`), and a translation makes its own
slug from its title whenever wagtail-localize saves it (`follow_title`, from `BasePage.save`):
ASCII, transliterated from any script, unique among its siblings.

Once a translation has been published its slug stays, even if its title is translated anew:
partner sites build their addresses from it (and the changes feed would only announce the new
one), so a changed title must not silently break the links readers already have.
"""

from anyascii import anyascii
from django.utils.text import slugify
from wagtail_localize.fields import BaseTranslatableField
from wagtail_localize.models import Translation

MAX_LENGTH = 255  # Page.slug's


def readable_slug(title: str) -> str:
    """An ASCII slug from a title in any script: Urdu and Azerbaijani titles are transliterated."""
    return slugify(anyascii(title))[:MAX_LENGTH].strip("-")


class FollowsTitle(BaseTranslatableField):
    """A field that is neither a segment to translate nor copied from the source page.

    wagtail-localize leaves the translation's own value in place; `follow_title` sets it.
    """

    def __repr__(self):
        return f"<FollowsTitle {self.field_name}>"


SLUG = FollowsTitle("slug")


def is_synced_translation(page) -> bool:
    """Whether wagtail-localize keeps this page as a translation of a page in another locale.

    An English page, or a page whose translation was stopped (a manual translation, edited in
    Wagtail's own editor with its Promote tab), keeps the slug its editors give it.
    """
    return Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
    ).exists()


def available_slug(page, base: str) -> str:
    """`base`, or `base-2`, `base-3` ... if a sibling has it already (Wagtail's own numbering)."""
    parent = page.get_parent()
    if parent is None:
        return base
    siblings = parent.get_children().filter(slug__startswith=base[: MAX_LENGTH - 4])
    if page.pk is not None:
        siblings = siblings.exclude(pk=page.pk)
    taken = set(siblings.values_list("slug", flat=True))
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = base[: MAX_LENGTH - len(suffix)] + suffix
    return candidate


def follow_title(page) -> None:
    """Give a synced translation that was never published the slug of its title.

    Called on every full save of a page: only wagtail-localize writes a synced translation (its
    translation editor stands in for Wagtail's page editor), so that is when its title changes.
    """
    if page.first_published_at is not None or page.alias_of_id is not None:
        return  # a published address stays; an alias is Wagtail's copy, with a slug of its own
    base = readable_slug(page.title or "")
    if not base or not is_synced_translation(page):
        return  # a title with nothing to transliterate keeps the slug the page has
    page.slug = available_slug(page, base)

"""What a translator may do from an English item's source screen, in their own languages only.

National editors have no permission on the English tree: Wagtail's explorer never shows them an
English page, and any page permission there (add, change, lock ...) would let them change English
content. The English source screen (editorial/source_view.py) shows them the item read-only, with
the next steps of their languages: start a missing translation, sync an outdated one, open an
existing one. Statuses and addresses are those of the status overview's cells
(editorial/status_matrix.py), so the two never disagree, and every address is a view that checks
the same rules again (editorial/start.py, editorial/sync.py).
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import get_language, gettext
from wagtail.models import Locale, Page
from wagtail.permissions import policy_registry

from cms import i18n
from editorial.permissions import may_edit_locale
from editorial.start import may_start, own_translation_locales
from editorial.status_matrix import KINDS, MISSING, OUTDATED, Cell, Kind, StatusMatrix
from editorial.visible_titles import may_see

START, SYNC, OPEN = "start", "sync", "open"


@dataclass
class SourceAction:
    action: str  # START, SYNC or OPEN
    language_code: str
    label: str
    url: str


@dataclass
class Language:
    """One of the user's translation languages: where its translation stands, what they may do."""

    code: str
    name: str  # in the admin's language
    cell: Cell
    actions: list[SourceAction] = field(default_factory=list)


def may_read_sources(user) -> bool:
    """Whoever translates may read English sources: moderators, a language's editors and reviewers.
    Content editors write the English items and open them in Wagtail's own editor."""
    codes = own_translation_locales(user)
    return codes is None or bool(codes)


def kind_of(model) -> Kind | None:
    return next((kind for kind in KINDS if issubclass(model, kind.model)), None)


def source_url(kind: Kind, pk) -> str:
    return reverse("editorial_english_source", args=[kind.key, pk])


def english_source_url(user, instance) -> str:
    """The source screen of a translated page or snippet, for a user who may read it, else ""."""
    kind = kind_of(type(instance))
    if kind is None or instance.locale.language_code == i18n.SOURCE_LANGUAGE or not may_read_sources(user):
        return ""
    english = Locale.objects.filter(language_code=i18n.SOURCE_LANGUAGE).first()
    source = instance.get_translation_or_none(english) if english else None
    if source is None or (kind.is_page and not may_see(user, source)):
        return ""
    return source_url(kind, source.pk)


def may_edit(user, instance) -> bool:
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    return policy_registry.get(instance).user_has_permission_for_instance(user, "change", instance)


def _translation(kind: Kind, item, cell: Cell):
    if kind.is_page:
        return Page.objects.get(pk=cell.page_id).specific
    translations = kind.model._default_manager.filter(translation_key=item.translation_key)
    return translations.get(locale__language_code=cell.language_code)


def _may_open(user, kind: Kind, item, cell: Cell) -> bool:
    if not cell.edit_url or not may_edit_locale(user, cell.language_code):
        return False
    return may_edit(user, _translation(kind, item, cell))


def languages(user, kind: Kind, item) -> list[Language]:
    """The user's translation languages (every one for moderators) with their actions on `item`."""
    codes = own_translation_locales(user)
    wanted = [code for code in i18n.TRANSLATION_LANGUAGES if codes is None or code in codes]
    if not wanted:
        return []
    (row,) = StatusMatrix(wanted, [kind], pks=[item.pk]).rows()
    startable = may_start(user, item)
    reader = get_language() or i18n.SOURCE_LANGUAGE
    found = []
    for cell in row.cells:
        name = i18n.language_name(cell.language_code, reader)
        language = Language(cell.language_code, name, cell)
        if cell.status == MISSING and startable:
            label = gettext("Translate into %(language)s") % {"language": name}
            language.actions.append(SourceAction(START, cell.language_code, label, cell.url))
        # an outdated cell leads to the sync, unless the sync is done and the new segments wait
        if cell.status == OUTDATED and cell.url not in ("", cell.edit_url):
            label = gettext("Update %(language)s translation") % {"language": name}
            language.actions.append(SourceAction(SYNC, cell.language_code, label, cell.url))
        if _may_open(user, kind, item, cell):
            label = gettext("Open %(language)s translation") % {"language": name}
            language.actions.append(SourceAction(OPEN, cell.language_code, label, cell.edit_url))
        found.append(language)
    return found

"""The translation status matrix: every English item against each translation locale.

Each cell says where the translation stands and links to the action that moves it on. Statuses
are computed in a fixed number of queries, however many rows (`StatusMatrix`).
"""

from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, Model
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import ModelLogEntry, Page, TaskState, WorkflowState

from cms import i18n
from editorial.translation_state import translation_states_by_locale
from editorial.visible_titles import live_titles
from pages.models import AssessmentPage, EventPage, GalleryPage, Organisation, Person, Topic

MISSING = "missing"
IN_PROGRESS = "in_progress"
AWAITING_REVIEW = "awaiting_review"
CHANGES_REQUESTED = "changes_requested"
PUBLISHED = "published"
OUTDATED = "outdated"
INCOMPLETE = "incomplete"  # a mark on a live translation (and a filter value), not a cell status of its own

STATUS_LABELS = {
    MISSING: _("Missing"),
    IN_PROGRESS: pgettext_lazy("translation status", "In progress"),
    AWAITING_REVIEW: _("Awaiting review"),
    CHANGES_REQUESTED: _("Changes requested"),
    PUBLISHED: pgettext_lazy("translation status", "Published"),
    OUTDATED: _("Outdated"),
    INCOMPLETE: _("Incomplete"),
}
STATUS_DESCRIPTIONS = {
    MISSING: _("There is no translation in this language yet."),
    IN_PROGRESS: _("A draft that is not live; the percentage shows how much of it is translated."),
    AWAITING_REVIEW: _("The translation is in its moderation workflow."),
    CHANGES_REQUESTED: _("A reviewer or moderator asked for changes: their comment is shown."),
    PUBLISHED: _("The translation is live and up to date."),
    OUTDATED: _(
        "Live with the text of an earlier English version: sync it, or translate what the sync brought in."
    ),
    INCOMPLETE: _("Some segments of the live translation are still published in English."),
}
ACTION_LABELS = {
    MISSING: _("Start the translation"),
    IN_PROGRESS: _("Continue the translation"),
    AWAITING_REVIEW: _("Review the translation"),
    CHANGES_REQUESTED: _("Make the changes asked for"),
    PUBLISHED: _("Edit the translation"),
    OUTDATED: _("Sync with the English source"),
}
# The CSV export speaks English whatever the language of the admin.
CSV_WORDS = {
    MISSING: "missing",
    IN_PROGRESS: "in progress",
    AWAITING_REVIEW: "awaiting review",
    CHANGES_REQUESTED: "changes requested",
    PUBLISHED: "published",
    OUTDATED: "outdated",
    INCOMPLETE: "incomplete",
}


@dataclass(frozen=True)
class Kind:
    """A type of item listed as rows: a page type or a translatable snippet."""

    key: str
    model: type[Model]
    is_page: bool

    @property
    def label(self):
        return capfirst(self.model._meta.verbose_name)

    @property
    def plural_label(self):
        return capfirst(self.model._meta.verbose_name_plural)


KINDS = (
    Kind("event", EventPage, is_page=True),
    Kind("assessment", AssessmentPage, is_page=True),
    Kind("gallery", GalleryPage, is_page=True),
    Kind("organisation", Organisation, is_page=False),
    Kind("person", Person, is_page=False),
    Kind("topic", Topic, is_page=False),
)


@dataclass
class Cell:
    language_code: str
    status: str
    url: str
    percent: int | None = None  # of the segments translated, for a draft
    incomplete: bool = False  # a live translation with segments still in English
    submit_url: str = ""  # submits the translated segments for review
    comment: str = ""  # the reviewer's or moderator's, when they asked for changes
    page_id: int | None = None  # the translated page, when there is one
    edit_url: str = ""  # the translation's editor, when there is a translation

    @property
    def label(self):
        return STATUS_LABELS[self.status]

    @property
    def action_label(self):
        return ACTION_LABELS[self.status]

    def has(self, status: str) -> bool:
        return self.status == status or (status == INCOMPLETE and self.incomplete)

    @property
    def csv_text(self) -> str:
        text = CSV_WORDS[self.status]
        if self.percent is not None:
            text += f" ({self.percent}%)"
        if self.incomplete:
            text += f" ({CSV_WORDS[INCOMPLETE]})"
        return text


@dataclass
class Row:
    kind: Kind
    pk: int
    title: str
    url: str  # the edit view of the English item
    cells: list = field(default_factory=list)
    source_url: str = ""  # its English source screen (editorial/source_view.py)


def _change_requests(pages) -> dict[int, str]:
    """`{page id: comment}` for the pages whose reviewers or moderators asked for changes (one query;
    the pages' workflow states are prefetched)."""
    states = [(page, page.current_workflow_state) for page in pages]  # prefetched: no query
    waiting = {
        state.pk: page.pk
        for page, state in states
        if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES
    }
    if not waiting:
        return {}
    rejections = (
        TaskState.objects.filter(workflow_state_id__in=waiting, status=TaskState.STATUS_REJECTED)
        .order_by("workflow_state_id", "finished_at")
        .values_list("workflow_state_id", "comment")
    )
    comments = dict.fromkeys(waiting.values(), "")
    for workflow_state_id, comment in rejections:  # the latest of each last
        comments[waiting[workflow_state_id]] = comment
    return comments


def _percent(state) -> int | None:
    if state is None:
        return None
    if not state.total_segments:
        return 100
    return state.translated_segments * 100 // state.total_segments


def _with_locale(url: str, language_code: str) -> str:
    # wagtail-localize's submit view preselects the locale given as select_locale.
    return f"{url}?{urlencode({'select_locale': language_code})}"


def _sync_url(source_id: int, translation_url: str) -> str:
    # After a sync wagtail-localize goes to `next`, else to the English page's parent in the
    # explorer, far from the new segments the translator has to translate now.
    url = reverse("wagtail_localize:update_translations", args=[source_id])
    return f"{url}?{urlencode({'next': translation_url})}"


class StatusMatrix:
    """Rows of the chosen kinds by columns of the chosen locales, in a fixed number of queries.

    One query per kind for the English items, one for the translated pages and one for their
    workflow states, one per snippet kind for the translated snippets, two for the segment
    counts (`translation_states_by_locale`) and one for the snippets' last edits.

    Given a user, the English pages are those whose titles the user may see (editorial.visible_titles):
    a national editor gets no row for an English draft or a page scheduled to go live.
    """

    def __init__(self, language_codes, kinds, user=None, pks=None):
        self.language_codes = list(language_codes)
        self.kinds = list(kinds)
        self.user = user
        self.pks = pks  # only these English items (one item's English source screen), else all

    def rows(self) -> list[Row]:
        english = {kind: self._english_items(kind) for kind in self.kinds}
        keys = [item["translation_key"] for items in english.values() for item in items]
        pages = self._translated_pages(
            [item["translation_key"] for kind, items in english.items() if kind.is_page for item in items]
        )
        snippets = self._translated_snippets(english)
        states = translation_states_by_locale(keys, self.language_codes)
        comments = _change_requests(pages.values())
        edited = self._snippet_edits(english)
        rows = []
        for kind, items in english.items():
            for item in items:
                row = Row(kind, item["pk"], item["title"], item["url"])
                for code in self.language_codes:
                    state = states[code].get(item["translation_key"])
                    if kind.is_page:
                        translated = pages.get((item["translation_key"], code))
                        cell = self._page_cell(item, code, translated, state, comments)
                        if translated is not None:
                            cell.page_id = translated.pk
                            cell.edit_url = reverse("wagtailadmin_pages:edit", args=[translated.pk])
                        row.cells.append(cell)
                    else:
                        translated_pk = snippets.get((item["translation_key"], code))
                        last_edit = edited.get((kind.model, str(item["pk"])))
                        cell = self._snippet_cell(kind, item, code, translated_pk, state, last_edit)
                        if translated_pk is not None:
                            edit_name = kind.model.snippet_viewset.get_url_name("edit")
                            cell.edit_url = reverse(edit_name, args=[quote(translated_pk)])
                        row.cells.append(cell)
                rows.append(row)
        return rows

    # Queries ---------------------------------------------------------------------------

    def _english_items(self, kind) -> list[dict]:
        queryset = kind.model.objects.filter(locale__language_code=i18n.SOURCE_LANGUAGE)
        if self.pks is not None:
            queryset = queryset.filter(pk__in=self.pks)
        if kind.is_page:
            if self.user is not None:
                queryset = live_titles(self.user, queryset)
            return [
                {**item, "url": reverse("wagtailadmin_pages:edit", args=[item["pk"]])}
                for item in queryset.order_by("title").values("pk", "title", "translation_key")
            ]
        edit_url = kind.model.snippet_viewset.get_url_name("edit")
        return [
            {
                "pk": snippet.pk,
                "title": str(snippet),
                "translation_key": snippet.translation_key,
                "url": reverse(edit_url, args=[quote(snippet.pk)]),
            }
            for snippet in queryset
        ]

    def _translated_pages(self, keys) -> dict:
        if not keys:
            return {}
        translations = (
            Page.objects.filter(
                translation_key__in=keys,
                locale__language_code__in=self.language_codes,
                alias_of__isnull=True,  # an alias is no translation: it can still be translated
            )
            .select_related("locale")
            .prefetch_workflow_states()
        )
        return {(page.translation_key, page.locale.language_code): page for page in translations}

    def _translated_snippets(self, english) -> dict:
        found = {}
        for kind, items in english.items():
            if kind.is_page or not items:
                continue
            rows = kind.model.objects.filter(
                translation_key__in=[item["translation_key"] for item in items],
                locale__language_code__in=self.language_codes,
            ).values_list("pk", "translation_key", "locale__language_code")
            for pk, key, code in rows:
                found[(key, code)] = pk
        return found

    def _snippet_edits(self, english) -> dict:
        """When each English snippet was last changed in the admin (snippets are never "published")."""
        content_types = {
            ContentType.objects.get_for_model(kind.model): kind.model
            for kind, items in english.items()
            if not kind.is_page and items
        }
        if not content_types:
            return {}
        object_ids = [
            str(item["pk"]) for kind, items in english.items() if not kind.is_page for item in items
        ]
        rows = (
            ModelLogEntry.objects.filter(
                content_type__in=content_types, object_id__in=object_ids, content_changed=True
            )
            .values("content_type_id", "object_id")
            .annotate(last=Max("timestamp"))
            .order_by()
        )
        by_id = {content_type.pk: model for content_type, model in content_types.items()}
        return {(by_id[row["content_type_id"]], row["object_id"]): row["last"] for row in rows}

    # Cells -----------------------------------------------------------------------------

    @staticmethod
    def _page_cell(item, code, translated, state, comments) -> Cell:
        if translated is None:
            url = reverse("wagtail_localize:submit_page_translation", args=[item["pk"]])
            return Cell(code, MISSING, _with_locale(url, code))
        edit_url = reverse("wagtailadmin_pages:edit", args=[translated.pk])
        if state is not None and translated.live:
            state = replace(state, published_at=translated.last_published_at)
        # English text is on the live page only if it was published with segments untranslated
        incomplete = translated.live and state is not None and state.status == INCOMPLETE
        if translated.workflow_in_progress:
            return Cell(code, AWAITING_REVIEW, edit_url, incomplete=incomplete)
        submit_url = reverse("editorial_submit_translation", args=[translated.pk])
        if translated.pk in comments:
            return Cell(
                code, CHANGES_REQUESTED, edit_url, incomplete=incomplete, submit_url=submit_url,
                comment=comments[translated.pk],
            )  # fmt: skip
        if not translated.live:
            return Cell(code, IN_PROGRESS, edit_url, percent=_percent(state), submit_url=submit_url)
        if state is not None and state.is_outdated:
            # sync first: submitting now would send the old text to review
            url = _sync_url(state.source_id, edit_url)
            return Cell(code, OUTDATED, url, incomplete=incomplete)
        if state is not None and state.shows_earlier_sync:
            # synced since it was published: readers still see the earlier text, and the new
            # segments wait in the translation editor
            return Cell(code, OUTDATED, edit_url, percent=_percent(state), submit_url=submit_url)
        # segments edited in the translation editor make no revision: any live one may be resubmitted
        return Cell(code, PUBLISHED, edit_url, incomplete=incomplete, submit_url=submit_url)

    @staticmethod
    def _snippet_cell(kind, item, code, translated_pk, state, last_edit) -> Cell:
        model = kind.model
        if translated_pk is None:
            url = reverse(
                "wagtail_localize:submit_snippet_translation",
                args=[model._meta.app_label, model._meta.model_name, quote(item["pk"])],
            )
            return Cell(code, MISSING, _with_locale(url, code))
        # Our snippets have no drafts or workflows: a translation is live as soon as it exists.
        incomplete = state is not None and not state.is_complete
        edit_url = reverse(model.snippet_viewset.get_url_name("edit"), args=[quote(translated_pk)])
        if state is not None and (state.is_outdated or (last_edit and last_edit > state.synced_at)):
            return Cell(code, OUTDATED, _sync_url(state.source_id, edit_url), incomplete=incomplete)
        return Cell(code, PUBLISHED, edit_url, incomplete=incomplete)

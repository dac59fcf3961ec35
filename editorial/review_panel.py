"""What a translator sees above wagtail-localize's translation editor, and the way on from there.

wagtail-localize's editor saves each segment as it is typed but says nothing of review: where the
translation stands, which segments are still English, what the reviewer or moderator asked for
when they requested changes, and how to hand it on. The panel says so, and offers *Submit for
review* (editorial/submit.py) to whoever may edit the translation while no review is under way.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation

from editorial.status_matrix import AWAITING_REVIEW, CHANGES_REQUESTED, IN_PROGRESS, PUBLISHED, STATUS_LABELS
from editorial.translation_state import translation_states

SHOWN_UNTRANSLATED = 10  # the first ones, in page order: enough to find them in the editor


@dataclass
class ReviewPanel:
    status: str
    translated: int
    total: int
    untranslated: list[str] = field(default_factory=list)  # the English text of the first ones
    comment: str = ""  # the reviewer's or moderator's, when they asked for changes
    commented_by: str = ""
    submit_url: str = ""
    edited_since_submitted: int = 0  # segments typed after it went to review: not in that version
    edited_since_published: int = 0  # segments typed after the live version: not on it yet

    @property
    def missing(self) -> int:
        return self.total - self.translated


def untranslated_texts(source_id: int, locale_id: int) -> list[str]:
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=locale_id,
        has_error=False,
    )
    segments = StringSegment.objects.filter(source_id=source_id).exclude(Exists(translated)).order_by("order")
    return list(segments.values_list("string__data", flat=True)[:SHOWN_UNTRANSLATED])


def edited_after(source_id: int, locale_id: int, moment) -> int:
    """How many of the translation's segments were typed after `moment`."""
    on_page = StringSegment.objects.filter(
        source_id=source_id, string_id=OuterRef("translation_of_id"), context_id=OuterRef("context_id")
    )
    return (
        StringTranslation.objects.filter(locale_id=locale_id, updated_at__gt=moment)
        .filter(Exists(on_page))
        .count()
    )


def changes_requested(workflow_state) -> TaskState | None:
    return (
        TaskState.objects.filter(workflow_state=workflow_state, status=TaskState.STATUS_REJECTED)
        .select_related("finished_by")
        .order_by("-finished_at")
        .first()
    )


def review_panel(user, page) -> ReviewPanel | None:
    """The panel for a translated page, or None for a page that is no translation of English."""
    state = translation_states([page.translation_key], page.locale.language_code).get(page.translation_key)
    if state is None:
        return None
    panel = ReviewPanel(status="", translated=state.translated_segments, total=state.total_segments)
    if panel.missing:
        panel.untranslated = untranslated_texts(state.source_id, page.locale_id)
    workflow_state = page.current_workflow_state
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        panel.status = str(STATUS_LABELS[CHANGES_REQUESTED])
        rejection = changes_requested(workflow_state)
        if rejection is not None:
            panel.comment = rejection.comment
            panel.commented_by = rejection.finished_by.get_full_name() or rejection.finished_by.get_username()
    elif workflow_state is not None:
        panel.status = str(STATUS_LABELS[AWAITING_REVIEW])
    else:
        panel.status = str(STATUS_LABELS[PUBLISHED if page.live else IN_PROGRESS])
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        panel.edited_since_submitted = edited_after(
            state.source_id, page.locale_id, workflow_state.created_at
        )
    elif page.live and page.last_published_at:
        panel.edited_since_published = edited_after(state.source_id, page.locale_id, page.last_published_at)
    if not page.workflow_in_progress and page.permissions_for_user(user).can_edit():
        panel.submit_url = reverse("editorial_submit_translation", args=(page.pk,))
    return panel

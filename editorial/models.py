"""The workflow's approval tasks, which never let English text into a translation by accident.

A translation with segments not yet translated would show them in English. Neither its language's
reviewers nor the moderators can simply approve it: each must choose "Approve/Publish with N
untranslated segments in English" and say why; the choice is in the audit log with its reason.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.forms import TaskStateCommentForm
from wagtail.models import AbstractGroupApprovalTask, PageLogEntry

from editorial.translation_state import translation_states

WITH_ENGLISH = "approve_with_english"  # the action that replaces "approve"


def untranslated_segments(page) -> int:
    """How many segments of a translated page would be published in English."""
    state = translation_states([page.translation_key], page.locale.language_code).get(page.translation_key)
    return 0 if state is None else state.total_segments - state.translated_segments


class ReasonForEnglishForm(TaskStateCommentForm):
    """Letting English text into a translation is a choice readers will see: it needs a reason."""

    comment = forms.CharField(
        label=_("Why let English text into this translation?"),
        help_text=_("Readers of this language will see these segments in English until they are translated."),
        widget=forms.Textarea({"rows": 2}),
    )


class EnglishTextNeedsAChoice(AbstractGroupApprovalTask):
    """A group approval task whose plain "approve" is replaced, for an incomplete translation, by
    an explicit action that names the segments left in English and asks for a reason."""

    log_action: str  # the audit log's name for the choice

    class Meta:
        abstract = True

    def english_text_label(self, count: int) -> str:
        raise NotImplementedError

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        missing = untranslated_segments(obj) if actions else 0
        if not missing:
            return actions
        explicit = (WITH_ENGLISH, self.english_text_label(missing), True)
        return [action for action in actions if action[0] != "approve"] + [explicit]

    def get_form_for_action(self, action):
        if action == WITH_ENGLISH:
            return ReasonForEnglishForm
        return super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        page = task_state.workflow_state.content_object
        if action_name == "approve" and untranslated_segments(page):
            raise PermissionDenied(
                _("This translation is incomplete: choose to approve it with English text, or send it back.")
            )
        if action_name == WITH_ENGLISH:
            PageLogEntry.objects.log_action(
                instance=page,
                action=self.log_action,
                user=user,
                data={
                    "untranslated_segments": untranslated_segments(page),
                    "comment": kwargs.get("comment", ""),
                },
            )
            action_name = "approve"
        return super().on_action(task_state, user, action_name, **kwargs)


class ReviewApprovalTask(EnglishTextNeedsAChoice):
    """A language's review: its reviewers approve a translation for the moderators, or send it back."""

    log_action = "thb.approve_with_english"

    def english_text_label(self, count: int) -> str:
        return ngettext(
            "Approve with %(count)s untranslated segment in English",
            "Approve with %(count)s untranslated segments in English",
            count,
        ) % {"count": count}

    @classmethod
    def get_description(cls):
        return _("A language's reviewers approve; an incomplete translation needs their explicit choice")

    class Meta:
        verbose_name = _("review task")
        verbose_name_plural = _("review tasks")


class ModeratorApprovalTask(EnglishTextNeedsAChoice):
    """Final approval by moderators, which publishes."""

    log_action = "thb.publish_with_english"

    def english_text_label(self, count: int) -> str:
        return ngettext(
            "Publish with %(count)s untranslated segment in English",
            "Publish with %(count)s untranslated segments in English",
            count,
        ) % {"count": count}

    @classmethod
    def get_description(cls):
        return _("Moderators publish; an incomplete translation needs their explicit choice")

    class Meta:
        verbose_name = _("moderator approval task")
        verbose_name_plural = _("moderator approval tasks")

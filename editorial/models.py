"""The moderators' final approval, which refuses to publish English in a translation by accident."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.forms import TaskStateCommentForm
from wagtail.models import AbstractGroupApprovalTask, PageLogEntry

from editorial.translation_state import translation_states

PUBLISH_WITH_ENGLISH = "approve_with_english"


def untranslated_segments(page) -> int:
    """How many segments of a translated page would be published in English."""
    state = translation_states([page.translation_key], page.locale.language_code).get(page.translation_key)
    return 0 if state is None else state.total_segments - state.translated_segments


class ReasonForEnglishForm(TaskStateCommentForm):
    """Publishing English text in a translation is a choice readers will see: it needs a reason."""

    comment = forms.CharField(
        label=_("Why publish it with English text?"),
        help_text=_("Readers of this language will see these segments in English until they are translated."),
        widget=forms.Textarea({"rows": 2}),
    )


class ModeratorApprovalTask(AbstractGroupApprovalTask):
    """Final approval by moderators, which publishes.

    A translation whose segments are not all translated cannot simply be approved: the moderator
    has to choose "Publish with untranslated segments in English" (with a comment), and that choice
    is recorded in the audit log.
    """

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if not actions or not untranslated_segments(obj):
            return actions
        missing = untranslated_segments(obj)
        label = ngettext(
            "Publish with %(count)s untranslated segment in English",
            "Publish with %(count)s untranslated segments in English",
            missing,
        ) % {"count": missing}
        return [action for action in actions if action[0] != "approve"] + [
            (PUBLISH_WITH_ENGLISH, label, True)
        ]

    def get_form_for_action(self, action):
        if action == PUBLISH_WITH_ENGLISH:
            return ReasonForEnglishForm
        return super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        page = task_state.workflow_state.content_object
        if action_name == "approve" and untranslated_segments(page):
            raise PermissionDenied(
                _("This translation is incomplete; choose to publish it with English text.")
            )
        if action_name == PUBLISH_WITH_ENGLISH:
            PageLogEntry.objects.log_action(
                instance=page,
                action="thb.publish_with_english",
                user=user,
                data={
                    "untranslated_segments": untranslated_segments(page),
                    "comment": kwargs.get("comment", ""),
                },
            )
            action_name = "approve"
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("Moderators publish; an incomplete translation needs their explicit choice")

    class Meta:
        verbose_name = _("moderator approval task")
        verbose_name_plural = _("moderator approval tasks")

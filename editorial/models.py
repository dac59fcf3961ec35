"""The moderators' final approval, which refuses to publish English in a translation by accident."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, PageLogEntry

from editorial.translation_state import translation_states

PUBLISH_WITH_ENGLISH = "approve_with_english"


def untranslated_segments(page) -> int:
    """How many segments of a translated page would be published in English."""
    state = translation_states([page.translation_key], page.locale.language_code).get(page.translation_key)
    return 0 if state is None else state.total_segments - state.translated_segments


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
        explicit = (PUBLISH_WITH_ENGLISH, _("Publish with untranslated segments in English"), True)
        return [action for action in actions if action[0] != "approve"] + [explicit]

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
                data={"untranslated_segments": untranslated_segments(page)},
            )
            action_name = "approve"
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("Moderators publish; an incomplete translation needs their explicit choice")

    class Meta:
        verbose_name = _("moderator approval task")
        verbose_name_plural = _("moderator approval tasks")

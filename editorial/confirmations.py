"""What reviewers and moderators are told after they act on a translation in its workflow.

Wagtail's workflow action (approve, request changes) from the dashboard's "Awaiting your review"
says nothing: the modal closes and the page reloads. The page viewset uses this view instead,
which leaves a message saying what happened and what comes next.
"""

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.models import TaskState, WorkflowState


def outcome(task_state, workflow_state, title: str) -> str | None:
    if task_state.status == TaskState.STATUS_REJECTED:
        return _("Changes requested for '%(title)s': its editors see your comment.") % {"title": title}
    if task_state.status != TaskState.STATUS_APPROVED:
        return None
    if workflow_state.status == WorkflowState.STATUS_APPROVED:
        return _("'%(title)s' is approved and published.") % {"title": title}
    return _("'%(title)s' is approved: it goes on to '%(task)s'.") % {
        "title": title,
        "task": workflow_state.current_task_state.task.name,
    }


class ConfirmedWorkflowActionView(WorkflowActionView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        task_state = TaskState.objects.select_related("workflow_state").get(pk=self.task_state.pk)
        message = outcome(task_state, task_state.workflow_state, self.object.get_admin_display_title())
        if message:
            messages.success(request, message)
        return response

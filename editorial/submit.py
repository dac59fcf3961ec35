"""Submitting a translation for review: its segments become a draft that enters the workflow.

wagtail-localize's editor saves each segment as the translator types, but offers editors who
cannot publish no way to hand the result on. This action, offered in the translation status
overview, saves the translation as a draft revision of the page and starts the page's workflow
(its language's reviewers, then the moderators), or resumes it where the reviewers asked for
changes.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.auth import require_admin_access
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import Translation

from editorial.localization import save_translation_draft
from editorial.models import untranslated_segments


@require_admin_access
@require_POST
def submit_translation_for_review(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    back = get_valid_next_url_from_request(request) or reverse("editorial_translation_status")
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    translation = Translation.objects.filter(
        source__object_id=page.translation_key, target_locale=page.locale, enabled=True
    ).first()
    workflow = page.get_workflow()
    if translation is None or workflow is None:
        messages.error(request, _("This page is not a translation that goes through review."))
        return redirect(back)
    awaiting_review = _("'%(title)s' is already awaiting review.") % {"title": page.title}
    state = page.current_workflow_state
    if page.workflow_in_progress:
        messages.info(request, awaiting_review)
        return redirect(back)
    try:
        with transaction.atomic():
            page = save_translation_draft(translation, request.user)
            if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
                state.resume(request.user)  # the reviewers asked for changes: their review goes on
            else:
                workflow.start(page, request.user)
    except (IntegrityError, ValidationError):
        # Another editor submitted it at the same moment (one review per page): theirs stands,
        # and this editor's segments, which are stored already, go into the next submission.
        messages.info(request, awaiting_review)
        return redirect(back)
    missing = untranslated_segments(page)
    message = _("'%(title)s' is submitted for review.") % {"title": page.title}
    if missing:
        message += " " + _("%(count)s segments are not translated yet.") % {"count": missing}
    messages.success(request, message)
    return redirect(back)

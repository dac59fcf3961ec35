"""Above the translation editor a translator sees where the translation stands, which segments are
still English and what the reviewer asked for, and submits it for review from there."""

import re
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from tests.content import in_locale, login_in_english

pytestmark = pytest.mark.django_db


def panel(client, page):
    html = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    found = re.search(r'<section class="thb-review-panel.*?</section>', html, re.S)
    assert found, "no review panel above the translation editor"
    return found.group(0)


@pytest.fixture
def albanian(adana):
    """The Albanian translation of an event, its summary not translated yet."""
    page = in_locale(adana, "sq")
    StringTranslation.objects.filter(
        locale=page.locale, context__object_id=adana.translation_key, context__path="summary"
    ).delete()
    return page


def test_the_editor_sees_what_is_left_and_submits_from_the_editor(client, adana, albanian):
    login_in_english(client, "sq-editor")
    shown = panel(client, albanian)
    assert "segment is still in English" in shown and adana.summary[:40] in shown
    submit = reverse("editorial_submit_translation", args=(albanian.pk,))
    assert f'action="{submit}"' in shown

    edit = reverse("wagtailadmin_pages:edit", args=(albanian.pk,))
    response = client.post(submit, {"next": edit})
    assert response.status_code == 302 and response.url == edit
    albanian.refresh_from_db()
    assert albanian.workflow_in_progress
    shown = panel(client, albanian)
    assert "Awaiting review" in shown and submit not in shown  # no second submission


def test_the_reviewers_request_for_changes_is_shown_with_the_way_to_resubmit(client, albanian):
    editor = login_in_english(client, "sq-editor")
    workflow_state = albanian.get_workflow().start(albanian, editor)
    reviewer = get_user_model().objects.get(username="sq-reviewer")
    workflow_state.current_task_state.reject(user=reviewer, comment="Use 'trafikim' for trafficking.")
    shown = panel(client, albanian)
    assert "Changes requested" in shown
    assert "Use &#x27;trafikim&#x27; for trafficking." in shown and "sq-reviewer" in shown
    assert reverse("editorial_submit_translation", args=(albanian.pk,)) in shown


def test_a_complete_translation_shows_no_segment_left(client, adana):
    login_in_english(client, "tr-editor")
    shown = panel(client, in_locale(adana, "tr"))
    assert "still in English" not in shown


def test_the_overview_shows_changes_requested_with_the_comment(client, albanian):
    editor = login_in_english(client, "sq-editor")
    workflow_state = albanian.get_workflow().start(albanian, editor)
    reviewer = get_user_model().objects.get(username="sq-reviewer")
    workflow_state.current_task_state.reject(user=reviewer, comment="Use 'trafikim' for trafficking.")

    response = client.get(reverse("editorial_translation_status") + "?status=changes_requested")
    rows = response.context["rows"]
    assert [row.pk for row in rows] == [albanian.get_translation(Locale.objects.get(language_code="en")).pk]
    cell = rows[0].cells[0]
    assert cell.status == "changes_requested" and cell.comment == "Use 'trafikim' for trafficking."
    assert cell.submit_url == reverse("editorial_submit_translation", args=(albanian.pk,))
    assert "Use &#x27;trafikim&#x27; for trafficking." in response.content.decode()
    csv = client.get(reverse("editorial_translation_status") + "?status=changes_requested&format=csv")
    assert "changes requested" in csv.content.decode()


def act(client, page, action, comment=""):
    """A workflow action as the dashboard's modal sends it; the message shows on the next page."""
    task_state = page.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    client.post(url, {"comment": comment}, headers={"x-requested-with": "XMLHttpRequest"})
    return client.get(reverse("wagtailadmin_home")).content.decode()


def test_reviewers_and_moderators_are_told_what_their_action_did(client, adana):
    albanian = in_locale(adana, "sq")
    editor = login_in_english(client, "sq-editor")
    albanian.save_revision(user=editor)
    albanian.get_workflow().start(albanian, editor)

    login_in_english(client, "sq-reviewer")
    shown = act(client, albanian, "approve")
    assert f"&#x27;{albanian.title}&#x27; is approved: it goes on to &#x27;Moderator approval&#x27;." in shown
    login_in_english(client, "moderator")
    assert f"&#x27;{albanian.title}&#x27; is approved and published." in act(client, albanian, "approve")


def test_a_request_for_changes_is_confirmed(client, albanian):
    editor = login_in_english(client, "sq-editor")
    albanian.get_workflow().start(albanian, editor)
    login_in_english(client, "sq-reviewer")
    shown = act(client, albanian, "reject", comment="Translate the summary.")
    assert f"Changes requested for &#x27;{albanian.title}&#x27;: its editors see your comment." in shown


def type_segment(client, page, path, text):
    """What the translation editor sends when a translator saves one segment."""
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=page.locale)
    segment = StringSegment.objects.get(source=translation.source, context__path=path)
    url = reverse("wagtail_localize:edit_string_translation", args=(translation.pk, segment.pk))
    response = client.put(url, urlencode({"value": text}), content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200


def test_edits_left_out_of_the_live_or_reviewed_version_are_pointed_out(client, adana):
    albanian = in_locale(adana, "sq")
    editor = login_in_english(client, "sq-editor")
    type_segment(client, albanian, "title", "Trajnim për stafin e DGMM-së")
    assert "1 segment was changed after the translation was published" in panel(client, albanian)

    albanian.get_workflow().start(albanian, editor)
    type_segment(client, albanian, "city", "Adana (Turqi)")
    shown = panel(client, albanian)
    assert "1 segment was changed after the translation was submitted" in shown
    assert "after the translation was published" not in shown

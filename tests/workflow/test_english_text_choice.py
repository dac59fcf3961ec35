"""Publishing a translation with untranslated segments is the moderator's explicit choice: the
action says how many segments readers will see in English and asks why, and the answer is logged."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import PageLogEntry
from wagtail_localize.models import StringTranslation

from tests.content import in_locale

pytestmark = pytest.mark.django_db


@pytest.fixture
def incomplete_urdu(adana):
    """The Urdu translation of an event, its summary untranslated, approved by its reviewer."""
    users = get_user_model().objects
    urdu = in_locale(adana, "ur")
    StringTranslation.objects.filter(
        locale=urdu.locale, context__object_id=adana.translation_key, context__path="summary"
    ).delete()
    revision = urdu.save_revision(user=users.get(username="ur-editor"))
    workflow_state = urdu.get_workflow().start(urdu, users.get(username="ur-editor"))
    workflow_state.current_task_state.approve(user=users.get(username="ur-reviewer"))
    workflow_state.refresh_from_db()
    return urdu, revision, workflow_state.current_task_state


def action_url(page, task_state, action, view="workflow_action"):
    return reverse(f"wagtailadmin_pages:{view}", args=(page.pk, action, task_state.pk))


def test_the_choice_names_the_segments_and_needs_a_reason(client, incomplete_urdu):
    urdu, revision, task_state = incomplete_urdu
    client.force_login(get_user_model().objects.get(username="moderator"))
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()  # "Awaiting your review"
    assert "Publish with 1 untranslated segment in English" in dashboard

    url = action_url(urdu, task_state, "approve_with_english")
    modal = {"headers": {"x-requested-with": "XMLHttpRequest"}}  # as the dashboard's script asks
    form = client.get(url, **modal).json()["html"]
    assert "Why publish it with English text?" in form
    response = client.post(url, {"comment": ""}, **modal)
    assert "This field is required" in response.json()["html"]
    urdu.refresh_from_db()
    assert urdu.live_revision_id != revision.pk

    client.post(url, {"comment": "The summary follows next week; the event is tomorrow."}, **modal)
    urdu.refresh_from_db()
    assert urdu.live_revision_id == revision.pk
    choice = PageLogEntry.objects.get(page=urdu, action="thb.publish_with_english")
    assert choice.data == {
        "untranslated_segments": 1,
        "comment": "The summary follows next week; the event is tomorrow.",
    }

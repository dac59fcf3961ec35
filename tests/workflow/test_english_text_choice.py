"""Letting English text into a translation is an explicit choice, of its reviewers and of the
moderators: the action says how many segments readers will see in English and asks why, and the
answer is logged."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import reverse
from wagtail.models import GroupApprovalTask, PageLogEntry, Task, TaskState, Workflow
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation

from editorial.models import ModeratorApprovalTask, ReviewApprovalTask
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
    assert "Why let English text into this translation?" in form
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


@pytest.fixture
def submitted_urdu(adana):
    """The Urdu translation of an event, its summary untranslated, awaiting its reviewers."""
    editor = get_user_model().objects.get(username="ur-editor")
    urdu = in_locale(adana, "ur")
    StringTranslation.objects.filter(
        locale=urdu.locale, context__object_id=adana.translation_key, context__path="summary"
    ).delete()
    revision = urdu.save_revision(user=editor)
    workflow_state = urdu.get_workflow().start(urdu, editor)
    return urdu, revision, workflow_state


def test_every_language_is_reviewed_by_a_task_that_asks_for_the_choice():
    reviews = [
        workflow.tasks.first().specific for workflow in Workflow.objects.filter(name__endswith=" translation")
    ]
    assert len(reviews) == 6 and all(isinstance(task, ReviewApprovalTask) for task in reviews)


def test_a_reviewer_approves_english_text_only_by_choice_and_with_a_reason(client, submitted_urdu):
    urdu, revision, workflow_state = submitted_urdu
    reviewer = get_user_model().objects.get(username="ur-reviewer")
    profile = UserProfile.get_for_user(reviewer)
    profile.preferred_language = "en"  # the demo's Urdu reviewer works in Urdu
    profile.save()
    client.force_login(reviewer)
    task_state = workflow_state.current_task_state
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Approve with 1 untranslated segment in English" in dashboard

    modal = {"headers": {"x-requested-with": "XMLHttpRequest"}}
    plain = client.post(action_url(urdu, task_state, "approve"), {"comment": ""}, **modal)
    assert plain.status_code in (302, 403)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS

    url = action_url(urdu, task_state, "approve_with_english")
    assert "This field is required" in client.post(url, {"comment": ""}, **modal).json()["html"]
    client.post(url, {"comment": "The summary is the same in English on the partner's site."}, **modal)
    workflow_state.refresh_from_db()
    assert isinstance(workflow_state.current_task_state.task.specific, ModeratorApprovalTask)
    urdu.refresh_from_db()
    assert urdu.live_revision_id != revision.pk  # nothing published by a reviewer
    choice = PageLogEntry.objects.get(page=urdu, action="thb.approve_with_english")
    assert choice.user_id == reviewer.pk
    assert choice.data["comment"] == "The summary is the same in English on the partner's site."


class SqlOnly:
    def execute(self, sql, params=()):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


def test_the_migration_turns_a_group_review_into_a_review_task_keeping_its_row(submitted_urdu):
    _urdu, _revision, workflow_state = submitted_urdu
    review = workflow_state.current_task_state.task
    reviewers = list(review.specific.groups.all())
    migration = importlib.import_module("editorial.migrations.0003_review_approval_task")
    # back to Wagtail's group task, as before the migration, then forward again (in the test's
    # transaction, where SQLite offers no schema editor: the functions only execute SQL with it)
    migration.review_tasks_to_reviews(django_apps, SqlOnly())
    assert type(Task.objects.get(pk=review.pk).specific) is GroupApprovalTask
    migration.reviews_to_review_tasks(django_apps, SqlOnly())

    task = Task.objects.get(pk=review.pk).specific
    assert isinstance(task, ReviewApprovalTask) and list(task.groups.all()) == reviewers
    workflow_state.refresh_from_db()
    assert workflow_state.current_task_state.task_id == review.pk  # the review under way goes on

"""Translating a subtree is queued for the worker instead of running inside the request."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from wagtail.models import Locale

from pages.models import EventIndexPage, EventPage

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_a_subtree_translation_runs_in_the_worker(
    client, member, django_capture_on_commit_callbacks, monkeypatch
):
    turkish = Locale.objects.get(language_code="tr")
    EventIndexPage.objects.get(locale=turkish).delete()  # the Turkish events section, with its events
    english_index = EventIndexPage.objects.get(locale__language_code="en")
    client.force_login(member("Moderators"))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=(english_index.pk,)),
            {"locales": [turkish.pk], "include_subtree": "on"},
        )
    assert response.status_code == 302
    # the section itself is translated at once; its eight events wait for the worker
    assert EventIndexPage.objects.filter(locale=turkish).exists()
    assert not EventPage.objects.filter(locale=turkish).exists()
    queued = DBTaskResult.objects.get(status="READY")
    assert queued.task_path == "editorial.jobs.run_translation_job" and queued.backend_name == "translation"

    # the worker would close the test's database connection between tasks
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("db_worker", "--batch", "--backend", "translation", "--no-startup-delay", verbosity=0)
    assert EventPage.objects.filter(locale=turkish).count() == 8
    assert DBTaskResult.objects.get(pk=queued.pk).status == "SUCCESSFUL"
    # new translations start as drafts and go through moderation
    assert not EventPage.objects.filter(locale=turkish, live=True).exists()

"""The whole path through the admin: an Albanian editor translates and submits, an Albanian
reviewer approves, a moderator publishes; the English original stays untouched."""

import pytest
from django.urls import reverse
from wagtail_localize.models import StringSegment, Translation

from pages.models import EventPage

pytestmark = pytest.mark.django_db


def test_translate_submit_review_publish(client, member):
    english = EventPage.objects.get(locale__language_code="en", slug="dgmm-awareness-training-adana-2016")
    english_revision = english.live_revision_id
    albanian = english.get_translations().get(locale__language_code="sq").specific
    translation = Translation.objects.get(
        source__object_id=english.translation_key, target_locale=albanian.locale
    )
    summary = StringSegment.objects.get(source=translation.source, context__path="summary")
    new_summary = "Stafi i DGMM-së në rajonin e Adanës u trajnua për identifikimin e viktimave."

    # the editor translates a segment in wagtail-localize's editor and submits from the overview
    client.force_login(member("Albanian editors"))
    overview = client.get(reverse("editorial_translation_status")).content.decode()
    submit_url = reverse("editorial_submit_translation", args=(albanian.pk,))
    assert submit_url in overview
    segment_url = reverse("wagtail_localize:edit_string_translation", args=(translation.pk, summary.pk))
    response = client.put(
        segment_url, f"value={new_summary}", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    response = client.post(submit_url, follow=True)
    assert "is submitted for review" in response.content.decode()
    live_before = (albanian.live_revision_id, albanian.last_published_at)
    albanian.refresh_from_db()
    assert albanian.workflow_in_progress and albanian.summary != new_summary  # not live yet
    assert (albanian.live_revision_id, albanian.last_published_at) == live_before
    assert albanian.get_latest_revision_as_object().summary == new_summary
    # partner sites still get the reviewed text
    published = client.get(f"/api/v1/sq/events/{albanian.slug}/").json()
    assert published["summary"] == albanian.summary != new_summary

    def act(user, action):
        client.force_login(user)
        task_state = albanian.current_workflow_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=(albanian.pk, action, task_state.pk))
        assert client.post(url, {"comment": ""}).status_code in (200, 302)

    act(member("Albanian reviewers"), "approve")
    albanian.refresh_from_db()
    assert albanian.current_workflow_task.name == "Moderator approval" and albanian.summary != new_summary
    act(member("Moderators"), "approve")

    albanian.refresh_from_db()
    assert albanian.live and albanian.summary == new_summary and not albanian.workflow_in_progress
    english.refresh_from_db()
    assert english.live_revision_id == english_revision

    # a second round of changes stays off the live page too
    client.force_login(member("Albanian editors", username="second-round-editor"))
    client.put(segment_url, "value=Nje+ndryshim+i+dyte", content_type="application/x-www-form-urlencoded")
    published = (albanian.live_revision_id, albanian.last_published_at, albanian.summary)
    assert "is submitted for review" in client.post(submit_url, follow=True).content.decode()
    albanian.refresh_from_db()
    assert (albanian.live_revision_id, albanian.last_published_at, albanian.summary) == published


def test_an_editor_cannot_submit_another_languages_translation(client, member):
    english = EventPage.objects.get(locale__language_code="en", slug="dgmm-awareness-training-adana-2016")
    turkish = english.get_translations().get(locale__language_code="tr")
    client.force_login(member("Albanian editors"))
    response = client.post(reverse("editorial_submit_translation", args=(turkish.pk,)))
    assert response.status_code in (302, 403)
    turkish.refresh_from_db()
    assert not turkish.workflow_in_progress

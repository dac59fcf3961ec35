"""Several people working on one translation at once lose nothing and get no server error.

The steps of each user are interleaved deterministically (load, load, save, save), which is what
decides whether an update is lost; the test database runs each test in one transaction, so two
real threads would not see each other's writes anyway.
"""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from pages.models import EventPage

pytestmark = pytest.mark.django_db


FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def albanian(adana):
    return adana.get_translations().get(locale__language_code="sq").specific


@pytest.fixture
def translation(adana):
    return Translation.objects.get(source__object_id=adana.translation_key, target_locale__language_code="sq")


def segment_id(translation, path) -> int:
    return StringSegment.objects.get(source=translation.source, context__path=path).pk


def put(client, translation, segment, value):
    url = reverse("wagtail_localize:edit_string_translation", args=(translation.pk, segment))
    return client.put(url, urlencode({"value": value}), content_type=FORM)


def stored(translation, path) -> str:
    segment = StringSegment.objects.get(source=translation.source, context__path=path)
    return StringTranslation.objects.get(
        translation_of=segment.string, context=segment.context, locale=translation.target_locale
    ).data


def open_editor(client, page):
    assert client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).status_code == 200


def submit(client, page):
    response = client.post(reverse("editorial_submit_translation", args=(page.pk,)), follow=True)
    assert response.status_code == 200
    return response.content.decode()


def workflow_action(client, page, action, comment=""):
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    assert client.post(url, {"comment": comment}).status_code in (200, 302)


def latest_draft(page):
    return Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()


def assert_live_matches_its_revision(page):
    """What readers get (the page's row) is exactly the revision recorded as live."""
    page = Page.objects.get(pk=page.pk).specific
    live = page.live_revision.as_object()
    for field in ("title", "summary", "city"):
        assert getattr(page, field) == getattr(live, field), field
    assert page.body.get_prep_value() == live.body.get_prep_value()


# Two translators --------------------------------------------------------------------------


def test_two_editors_on_one_translation_lose_nothing(client, member, albanian, translation):
    first, second = client, type(client)()
    first.force_login(member("Albanian editors", username="sq-editor-1"))
    second.force_login(member("Albanian editors", username="sq-editor-2"))
    summary, title = segment_id(translation, "summary"), segment_id(translation, "title")
    open_editor(first, albanian)
    open_editor(second, albanian)

    # both type into the same segment: the one who saves last wins, neither gets an error
    assert put(first, translation, summary, "Përmbledhja e redaktorit të parë").status_code == 200
    assert put(second, translation, summary, "Përmbledhja e redaktorit të dytë").status_code == 200
    # each types into a different segment: both are kept
    assert put(first, translation, title, "Titulli i redaktorit të parë").status_code == 200
    paragraph = segment_id(translation, f"body.{albanian.body[0].id}")
    assert put(second, translation, paragraph, "Paragrafi i redaktorit të dytë").status_code == 200

    assert stored(translation, "summary") == "Përmbledhja e redaktorit të dytë"
    assert stored(translation, "title") == "Titulli i redaktorit të parë"

    # both submit: one starts the review, the other is told so; the draft holds both editors' work
    assert "is submitted for review" in submit(first, albanian)
    assert "already awaiting review" in submit(second, albanian)
    assert WorkflowState.objects.filter(object_id=str(albanian.pk), status="in_progress").count() == 1
    draft = latest_draft(albanian)
    assert draft.title == "Titulli i redaktorit të parë"
    assert draft.summary == "Përmbledhja e redaktorit të dytë"
    assert "Paragrafi i redaktorit të dytë" in draft.body[0].value.source


def test_resubmitting_after_changes_were_requested_resumes_the_review(client, member, albanian, translation):
    editor, reviewer = member("Albanian editors"), member("Albanian reviewers")
    client.force_login(editor)
    put(client, translation, segment_id(translation, "summary"), "Një përmbledhje me një gabim")
    submit(client, albanian)
    client.force_login(reviewer)
    workflow_action(client, albanian, "reject", comment="Ju lutem korrigjoni përmbledhjen.")
    albanian.refresh_from_db()
    assert albanian.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES

    client.force_login(editor)
    put(client, translation, segment_id(translation, "summary"), "Një përmbledhje e korrigjuar")
    assert "is submitted for review" in submit(client, albanian)
    albanian.refresh_from_db()
    state = albanian.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == "Albanian review"
    assert latest_draft(albanian).summary == "Një përmbledhje e korrigjuar"
    assert WorkflowState.objects.filter(object_id=str(albanian.pk)).exclude(status="approved").count() == 1
    log = set(PageLogEntry.objects.filter(page=albanian).values_list("action", "user_id"))
    assert {("wagtail.workflow.reject", reviewer.pk), ("wagtail.workflow.resume", editor.pk)} <= log


def test_two_submissions_at_the_same_moment_start_one_review(client, member, albanian, monkeypatch):
    """The second request read "not in review" just before the first one started the workflow."""
    client.force_login(member("Albanian editors"))
    other = member("Albanian editors", username="the-other-editor")
    albanian.save_revision(user=other)
    albanian.get_workflow().start(albanian, other)  # committed by the other request meanwhile
    # what this request read just before
    monkeypatch.setattr(Page, "workflow_in_progress", property(lambda page: False))
    monkeypatch.setattr(Page, "current_workflow_state", property(lambda page: None))

    html = submit(client, albanian)
    assert "already awaiting review" in html
    assert WorkflowState.objects.filter(object_id=str(albanian.pk), status="in_progress").count() == 1


# A sync during a translation ---------------------------------------------------------------


def test_a_sync_while_a_translator_types_loses_none_of_the_translation(
    client, member, adana, albanian, translation
):
    editor, moderator = type(client)(), client
    editor.force_login(member("Albanian editors"))
    moderator.force_login(member("Moderators"))
    title, summary = segment_id(translation, "title"), segment_id(translation, "summary")
    outcome_path = next(
        segment.context.path
        for segment in StringSegment.objects.filter(
            source=translation.source, context__path__startswith="outcomes"
        )
    )
    outcome = segment_id(translation, outcome_path)
    open_editor(editor, albanian)  # the editor has the segments as they were before the sync

    assert put(editor, translation, title, "Trajnim për stafin e DGMM-së në Adana").status_code == 200
    adana.summary = "DGMM staff in the Adana region were trained again in 2017."
    adana.save_revision().publish()
    source = TranslationSource.objects.get(object_id=adana.translation_key, locale=adana.locale)
    response = moderator.post(reverse("wagtail_localize:update_translations", args=(source.pk,)))
    assert response.status_code == 302
    # the editor goes on typing in segments that did not change in English
    assert put(editor, translation, outcome, "Rezultati i ri i trajnimit").status_code == 200
    # the segment whose English text changed is gone: saving it fails (the editor shows it), and
    # nothing is stored under another segment
    response = put(editor, translation, summary, "Përmbledhje e vjetër")
    assert response.status_code == 404
    assert not StringTranslation.objects.filter(data="Përmbledhje e vjetër").exists()

    assert stored(translation, "title") == "Trajnim për stafin e DGMM-së në Adana"
    assert stored(translation, outcome_path) == "Rezultati i ri i trajnimit"
    new_summary = segment_id(translation, "summary")
    assert new_summary != summary
    assert put(editor, translation, new_summary, "Stafi u trajnua përsëri në 2017.").status_code in (200, 201)
    submit(editor, albanian)
    draft = latest_draft(albanian)
    assert draft.title == "Trajnim për stafin e DGMM-së në Adana"
    assert draft.summary == "Stafi u trajnua përsëri në 2017."
    assert "Rezultati i ri i trajnimit" in [str(block.value) for block in draft.outcomes]


# A moderator publishing while a translator types ---------------------------------------------


def test_publishing_in_the_editor_between_two_saves(
    client, member, albanian, translation, django_capture_on_commit_callbacks
):
    editor, moderator = type(client)(), client
    editor.force_login(member("Albanian editors"))
    moderator.force_login(member("Moderators"))
    before = albanian.title

    assert put(editor, translation, segment_id(translation, "summary"), "Përmbledhje e re").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator.post(
            reverse("wagtailadmin_pages:edit", args=(albanian.pk,)), {"action": "publish"}
        )
    assert response.status_code == 302
    assert put(editor, translation, segment_id(translation, "title"), "Titull i ri").status_code == 200

    albanian = EventPage.objects.get(pk=albanian.pk)
    assert (albanian.summary, albanian.title) == ("Përmbledhje e re", before)
    assert_live_matches_its_revision(albanian)
    api = editor.get(f"/api/v1/sq/events/{albanian.slug}/").json()
    assert (api["summary"], api["title"]) == ("Përmbledhje e re", before)

    # the later segment is not dropped: it is in the next draft, and the live page stays as published
    submit(editor, albanian)
    assert latest_draft(albanian).title == "Titull i ri"
    albanian = EventPage.objects.get(pk=albanian.pk)
    assert albanian.title == before
    assert_live_matches_its_revision(albanian)


def test_a_final_approval_while_the_translator_goes_on_typing(client, member, albanian, translation):
    editor = type(client)()
    editor.force_login(member("Albanian editors"))
    before = albanian.title

    put(editor, translation, segment_id(translation, "summary"), "Përmbledhja e shqyrtuar")
    submit(editor, albanian)
    client.force_login(member("Albanian reviewers"))
    workflow_action(client, albanian, "approve")
    # while the moderators look at it, the translator improves the title
    assert (
        put(editor, translation, segment_id(translation, "title"), "Titulli pas dorëzimit").status_code == 200
    )
    client.force_login(member("Moderators"))
    workflow_action(client, albanian, "approve")

    # what was reviewed is published, and only that
    albanian = EventPage.objects.get(pk=albanian.pk)
    assert (albanian.summary, albanian.title) == ("Përmbledhja e shqyrtuar", before)
    assert not albanian.workflow_in_progress
    assert_live_matches_its_revision(albanian)
    # the title typed meanwhile is kept for the next round
    assert stored(translation, "title") == "Titulli pas dorëzimit"
    assert "is submitted for review" in submit(editor, albanian)
    assert latest_draft(albanian).title == "Titulli pas dorëzimit"
    assert EventPage.objects.get(pk=albanian.pk).title == before

"""National editors work in their own language only; nobody but moderators publishes."""

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, Translation

pytestmark = pytest.mark.django_db


def translation_of(page, code):
    return page.get_translations().get(locale__language_code=code).specific


def edit(client, page):
    return client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))


def refused(response):
    return response.status_code == 403 or (
        response.status_code == 302 and "/admin/login/" not in response.url and "edit" not in response.url
    )


def test_an_editor_opens_the_translation_editor_of_their_own_language(client, member, adana):
    client.force_login(member("Turkish editors"))
    response = edit(client, translation_of(adana, "tr"))
    assert response.status_code == 200
    assert "translation-editor" in response.content.decode()


@pytest.mark.parametrize("code", ["tr", "en"])
def test_an_editor_cannot_edit_another_language_or_the_source(client, member, adana, code):
    client.force_login(member("Azerbaijani editors"))
    page = adana if code == "en" else translation_of(adana, code)
    assert refused(edit(client, page))


def segment_url(page, code):
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale__language_code=code
    )
    segment = StringSegment.objects.filter(source=translation.source).first()
    return reverse("wagtail_localize:edit_string_translation", args=(translation.pk, segment.pk))


@pytest.mark.parametrize(
    ("group", "code", "direction", "refusal"),
    [
        ("Albanian editors", "sq", "ltr", "Na vjen keq, nuk keni leje për të hyrë në këtë zonë."),
        ("Urdu editors", "ur", "rtl", "معذرت، آپ کو اس حصے تک رسائی کی اجازت نہیں ہے۔"),
    ],
)
def test_a_refusal_speaks_the_editors_language(client, member, adana, group, code, direction, refusal):
    editor = member(group)
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = code
    profile.save()
    client.force_login(editor)
    response = edit(client, translation_of(adana, "tr"))
    assert response.status_code == 403
    body = response.content.decode()
    assert f'<html lang="{code}" dir="{direction}"' in body and refusal in body


def test_an_editor_saves_segments_of_their_own_language_only(client, member, adana):
    client.force_login(member("Turkish editors"))
    form = "application/x-www-form-urlencoded"
    own = client.put(segment_url(adana, "tr"), "value=Yeni+ba%C5%9Fl%C4%B1k", content_type=form)
    assert own.status_code in (200, 201)
    assert own.json()["data"] == "Yeni başlık"
    other = client.put(segment_url(adana, "az"), "value=Yeni", content_type=form)
    assert other.status_code == 403


def test_an_editor_cannot_publish(client, member, adana):
    turkish = translation_of(adana, "tr")
    revision_before = turkish.live_revision_id
    client.force_login(member("Turkish editors"))
    response = client.post(reverse("wagtailadmin_pages:edit", args=(turkish.pk,)), {"action": "publish"})
    assert refused(response)
    turkish.refresh_from_db()
    assert turkish.live_revision_id == revision_before


def test_an_editor_cannot_lock_another_languages_page(client, member, adana):
    client.force_login(member("Azerbaijani editors"))
    turkish = translation_of(adana, "tr")
    response = client.post(reverse("wagtailadmin_pages:lock", args=(turkish.pk,)))
    turkish.refresh_from_db()
    assert not turkish.locked and response.status_code in (302, 403)


def test_each_locale_tree_has_its_review_workflow(adana):
    turkish = translation_of(adana, "tr")
    workflow = turkish.get_workflow()
    assert workflow.name == "Turkish translation"
    assert [task.name for task in workflow.tasks] == ["Turkish review", "Moderator approval"]
    assert adana.get_workflow().name == "English publication"


def test_editor_submits_reviewer_approves_moderator_publishes(member, adana):
    editor, reviewer, moderator = (
        member("Albanian editors"),
        member("Albanian reviewers"),
        member("Moderators"),
    )
    albanian = translation_of(adana, "sq")
    english_revision = adana.live_revision_id
    albanian.title = "Trajnim ndërgjegjësues për personelin e DGMM-së në Adana (rishikuar)"
    revision = albanian.save_revision(user=editor)

    workflow_state = albanian.get_workflow().start(albanian, editor)
    assert workflow_state.current_task_state.task.name == "Albanian review"
    workflow_state.current_task_state.approve(user=reviewer)
    workflow_state.refresh_from_db()
    assert workflow_state.current_task_state.task.name == "Moderator approval"
    workflow_state.current_task_state.approve(user=moderator)

    albanian.refresh_from_db()
    assert albanian.live and albanian.live_revision_id == revision.pk
    assert albanian.title.endswith("(rishikuar)")
    adana.refresh_from_db()
    assert adana.live_revision_id == english_revision  # the English source is untouched
    log = {
        (entry.action, entry.user_id)
        for entry in PageLogEntry.objects.filter(page=albanian, action__startswith="wagtail.")
    }
    assert {("wagtail.workflow.start", editor.pk), ("wagtail.workflow.approve", reviewer.pk)} <= log
    assert ("wagtail.publish", moderator.pk) in log


def test_a_reviewer_of_another_language_cannot_approve(member, adana):
    editor = member("Albanian editors")
    albanian = translation_of(adana, "sq")
    albanian.save_revision(user=editor)
    workflow_state = albanian.get_workflow().start(albanian, editor)
    task = workflow_state.current_task_state.task.specific
    assert task.user_can_access_editor(albanian, member("Albanian reviewers"))
    assert not task.get_actions(albanian, member("Urdu reviewers", username="another-urdu-reviewer"))
    assert task.get_actions(albanian, member("Albanian reviewers", username="sq-reviewer-2"))


def test_an_incomplete_translation_needs_an_explicit_choice_to_publish(member, adana):
    from django.core.exceptions import PermissionDenied
    from wagtail_localize.models import StringTranslation

    editor, reviewer, moderator = member("Urdu editors"), member("Urdu reviewers"), member("Moderators")
    urdu = translation_of(adana, "ur")
    StringTranslation.objects.filter(
        locale=urdu.locale, context__object_id=adana.translation_key, context__path="summary"
    ).delete()
    revision = urdu.save_revision(user=editor)
    workflow_state = urdu.get_workflow().start(urdu, editor)
    workflow_state.current_task_state.approve(user=reviewer)
    workflow_state.refresh_from_db()
    task_state = workflow_state.current_task_state
    task = task_state.task.specific

    actions = [name for name, _label, _modal in task.get_actions(urdu, moderator)]
    assert "approve" not in actions and "approve_with_english" in actions
    with pytest.raises(PermissionDenied):
        task.on_action(task_state, moderator, "approve")
    urdu.refresh_from_db()
    assert urdu.live_revision_id != revision.pk

    task.on_action(task_state, moderator, "approve_with_english")
    urdu.refresh_from_db()
    assert urdu.live_revision_id == revision.pk
    choice = PageLogEntry.objects.get(page=urdu, action="thb.publish_with_english")
    assert choice.user_id == moderator.pk and choice.data["untranslated_segments"] == 1


def test_the_translation_editor_does_not_publish_english_text(client, member, adana):
    from wagtail_localize.models import StringTranslation

    albanian = translation_of(adana, "sq")
    revision_before = albanian.live_revision_id
    StringTranslation.objects.filter(
        locale=albanian.locale, context__object_id=adana.translation_key, context__path="summary"
    ).delete()
    client.force_login(member("Moderators"))
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(albanian.pk,)), {"action": "publish"}, follow=True
    )
    assert "1 segments of this translation are not translated yet" in response.content.decode()
    albanian.refresh_from_db()
    assert albanian.live_revision_id == revision_before

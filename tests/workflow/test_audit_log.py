"""Every publication, translation step and permission change is in Wagtail's audit log with its user.

Each step is done through the admin as the person who would do it; the log entries are then read
back from Wagtail's own log models and from the admin's history views.
"""

from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import Collection, Locale, ModelLogEntry, PageLogEntry
from wagtail_localize.models import Translation, TranslationSource

from editorial import roles
from pages.models import AssessmentPage, EventPage

pytestmark = pytest.mark.django_db


def logged(page, action) -> list[int]:
    """The users who did `action` on `page`, oldest first."""
    return list(
        PageLogEntry.objects.filter(page=page, action=action).order_by("pk").values_list("user_id", flat=True)
    )


def workflow_action(client, page, action):
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    assert client.post(url, {"comment": ""}).status_code in (200, 302)


class FormReader(HTMLParser):
    """What a browser would send for the admin's edit form, as a list of (name, value)."""

    def __init__(self):
        super().__init__()
        self.fields, self.in_form, self.select, self.textarea = [], False, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == "w-editor-form":
            self.in_form = True
        name = attrs.get("name") or ""
        if not self.in_form or (not name and tag != "option") or "__prefix__" in name:
            return
        if tag == "input" and attrs.get("type") in ("checkbox", "radio"):
            if "checked" in attrs:
                self.fields.append((name, attrs.get("value") or "on"))
        elif tag == "input" and attrs.get("type") not in ("submit", "button"):
            self.fields.append((name, attrs.get("value") or ""))
        elif tag == "select":
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append((self.select, attrs.get("value") or ""))
        elif tag == "textarea":
            self.textarea = name
            self.fields.append((name, ""))

    def handle_data(self, data):
        if self.textarea:
            self.fields[-1] = (self.textarea, self.fields[-1][1] + data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def edit_form(client, url) -> list[tuple[str, str]]:
    reader = FormReader()
    reader.feed(client.get(url).content.decode())
    assert reader.fields
    return reader.fields


def post_form(client, url, fields):
    response = client.post(url, urlencode(fields), content_type="application/x-www-form-urlencoded")
    assert response.status_code == 302, response.content.decode()[-3000:]


# Publishing and translating ----------------------------------------------------------------


def test_a_translation_from_creation_to_unpublishing_is_logged_with_each_user(client, member):
    english = AssessmentPage.objects.get(locale__language_code="en", slug="nrm-overview-albania")
    turkish_locale = Locale.objects.get(language_code="tr")
    moderator, editor, reviewer = member("Moderators"), member("Turkish editors"), member("Turkish reviewers")

    client.force_login(moderator)
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=(english.pk,)),
        {"locales": [turkish_locale.pk]},
    )
    assert response.status_code == 302
    turkish = english.get_translations().get(locale=turkish_locale).specific
    assert logged(turkish, "wagtail.copy_for_translation") == [moderator.pk]

    client.force_login(editor)
    translation = Translation.objects.get(
        source__object_id=english.translation_key, target_locale=turkish_locale
    )
    # every segment translated (offline machine translation in the tests), so the review may approve
    client.post(reverse("wagtail_localize:machine_translate", args=(translation.pk,)))
    client.post(reverse("editorial_submit_translation", args=(turkish.pk,)))
    assert logged(turkish, "wagtail.workflow.start") == [editor.pk]

    client.force_login(reviewer)
    workflow_action(client, turkish, "approve")
    client.force_login(moderator)
    workflow_action(client, turkish, "approve")
    turkish.refresh_from_db()
    assert turkish.live
    assert logged(turkish, "wagtail.workflow.approve") == [reviewer.pk, moderator.pk]
    assert logged(turkish, "wagtail.publish") == [moderator.pk]

    english.summary = "A changed English summary."
    english.save_revision().publish()
    source = TranslationSource.objects.get(object_id=english.translation_key, locale=english.locale)
    assert client.post(reverse("wagtail_localize:update_translations", args=(source.pk,))).status_code == 302
    assert logged(english, "thb.sync_translations") == [moderator.pk]
    sync = PageLogEntry.objects.get(page=english, action="thb.sync_translations")
    assert "tr" in sync.data["locales"]
    history = client.get(reverse("wagtailadmin_pages:history", args=(english.pk,))).content.decode()
    assert "Translations brought up to date with the source" in history

    response = client.post(reverse("wagtailadmin_pages:unpublish", args=(turkish.pk,)))
    assert response.status_code == 302
    turkish.refresh_from_db()
    assert not turkish.live
    assert logged(turkish, "wagtail.unpublish") == [moderator.pk]


def test_a_snippet_sync_is_logged_on_the_snippet(client, member):
    from pages.models import Organisation

    organisation = Organisation.objects.filter(locale__language_code="en").first()
    source = TranslationSource.objects.get(object_id=organisation.translation_key, locale=organisation.locale)
    moderator = member("Moderators")
    client.force_login(moderator)
    assert client.post(reverse("wagtail_localize:update_translations", args=(source.pk,))).status_code == 302
    entry = ModelLogEntry.objects.get(action="thb.sync_translations", object_id=str(organisation.pk))
    assert entry.user_id == moderator.pk and not entry.content_changed


def test_an_english_publication_through_its_workflow_is_logged(client, member):
    adana = EventPage.objects.get(locale__language_code="en", slug="dgmm-awareness-training-adana-2016")
    content_editor, moderator = member("Content editors"), member("Moderators")
    adana.summary = "A new summary for review."
    adana.save_revision(user=content_editor)
    adana.get_workflow().start(adana, content_editor)
    client.force_login(moderator)
    workflow_action(client, adana, "approve")
    assert logged(adana, "wagtail.publish")[-1] == moderator.pk


# Permissions -------------------------------------------------------------------------------


def test_a_groups_page_and_collection_permission_changes_are_logged(admin_client):
    group = Group.objects.get(name=roles.editor_group_name("sq"))
    admin = admin_client.session["_auth_user_id"]
    url = reverse("wagtailusers_groups:edit", args=(group.pk,))
    home = roles.home_of("sq")
    fields = edit_form(admin_client, url)
    page_row = next(name for name, value in fields if name.endswith("-page") and value == str(home.pk))
    image_row = next(
        name
        for name, value in fields
        if name.startswith("image_permissions-") and name.endswith("-collection")
    )
    image_permissions = image_row.replace("-collection", "-permissions")
    image_add = str(Permission.objects.get(content_type__app_label="wagtailimages", codename="add_image").pk)
    fields.append((page_row.replace("-page", "-permissions"), "publish_page"))  # may now publish
    fields = [(name, value) for name, value in fields if (name, value) != (image_permissions, image_add)]

    post_form(admin_client, url, fields)
    entry = ModelLogEntry.objects.get(action="thb.group_permissions", object_id=str(group.pk))
    assert str(entry.user_id) == admin
    assert entry.data["added"] == [f"publish_page on page {home.pk} '{home.title}' (sq)"]
    root = Collection.get_first_root_node()
    assert entry.data["removed"] == [f"wagtailimages.add_image in collection {root.pk} '{root.name}'"]
    assert home.permissions_for_user(_member_of(group)).can_publish()
    # Wagtail's own entry says only that the group was edited
    assert ModelLogEntry.objects.filter(action="wagtail.edit", object_id=str(group.pk)).exists()
    history = admin_client.get(reverse("wagtailusers_groups:history", args=(group.pk,))).content.decode()
    assert "Permissions changed. Added: publish_page on page" in history
    site_history = admin_client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Permissions changed. Added: publish_page on page" in site_history

    # saving the group again without a change adds no permission entry
    post_form(admin_client, url, edit_form(admin_client, url))
    assert ModelLogEntry.objects.filter(action="thb.group_permissions", object_id=str(group.pk)).count() == 1


def _member_of(group):
    user = get_user_model().objects.create_user(f"member-of-{group.pk}", password="pw")
    user.groups.add(group)
    return user


def test_a_new_groups_permissions_are_logged(admin_client):
    url = reverse("wagtailusers_groups:add")
    fields = [(name, value) for name, value in edit_form(admin_client, url) if name != "name"]
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    post_form(admin_client, url, [*fields, ("name", "Auditors"), ("permissions", str(access_admin.pk))])
    group = Group.objects.get(name="Auditors")
    entry = ModelLogEntry.objects.get(action="thb.group_permissions", object_id=str(group.pk))
    assert entry.data == {"added": ["wagtailadmin.access_admin"], "removed": []}


def test_a_users_group_membership_changes_are_logged(admin_client, member):
    albanian_editors = Group.objects.get(name=roles.editor_group_name("sq"))
    moderators = Group.objects.get(name=roles.MODERATORS)
    user = member(albanian_editors.name, username="changing-roles")
    user.email, user.first_name, user.last_name = "roles@example.org", "Changing", "Roles"
    user.save()
    url = reverse("wagtailusers_users:edit", args=(user.pk,))
    fields = [(name, value) for name, value in edit_form(admin_client, url) if name != "groups"]

    post_form(admin_client, url, [*fields, ("groups", str(moderators.pk))])
    assert set(user.groups.all()) == {moderators}
    entry = ModelLogEntry.objects.get(action="thb.user_groups", object_id=str(user.pk))
    assert str(entry.user_id) == admin_client.session["_auth_user_id"]
    assert entry.data == {"added": [moderators.name], "removed": [albanian_editors.name]}
    history = admin_client.get(reverse("wagtailusers_users:history", args=(user.pk,))).content.decode()
    assert "Groups changed. Added: Moderators. Removed: Albanian editors." in history

    post_form(admin_client, url, [*edit_form(admin_client, url), ("is_superuser", "on")])
    entry = ModelLogEntry.objects.filter(action="thb.user_groups", object_id=str(user.pk)).latest("pk")
    assert entry.data == {"added": ["superuser"], "removed": []}


def test_a_new_users_groups_are_logged(admin_client):
    url = reverse("wagtailusers_users:add")
    reviewers = Group.objects.get(name=roles.reviewer_group_name("ur"))
    fields = {
        "username": "new-urdu-reviewer",
        "email": "new-urdu-reviewer@example.org",
        "first_name": "New",
        "last_name": "Reviewer",
        "password1": "a-long-enough-password-1",
        "password2": "a-long-enough-password-1",
        "groups": str(reviewers.pk),
    }
    post_form(admin_client, url, list(fields.items()))
    user = get_user_model().objects.get(username="new-urdu-reviewer")
    entry = ModelLogEntry.objects.get(action="thb.user_groups", object_id=str(user.pk))
    assert str(entry.user_id) == admin_client.session["_auth_user_id"]
    assert entry.data == {"added": [reviewers.name], "removed": []}


def test_assigning_a_role_to_several_users_is_logged_for_each(admin_client, member):
    first, second = member("Turkish editors", username="tr-1"), member("Turkish editors", username="tr-2")
    reviewers = Group.objects.get(name=roles.reviewer_group_name("tr"))
    url = reverse("wagtail_bulk_action", args=("auth", "user", "assign_role"))
    response = admin_client.post(f"{url}?id={first.pk}&id={second.pk}", {"role": reviewers.pk})
    assert response.status_code == 302
    for user in (first, second):
        assert reviewers in user.groups.all()
        entry = ModelLogEntry.objects.get(action="thb.user_groups", object_id=str(user.pk))
        assert str(entry.user_id) == admin_client.session["_auth_user_id"]
        assert entry.data == {"added": [reviewers.name], "removed": []}

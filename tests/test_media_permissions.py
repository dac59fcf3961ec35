"""Who may change media: national editors upload and choose images and documents, only moderators
replace, edit or delete them (docs/translation-workflow.md), even the editor's own uploads. Every
change through the admin is in Wagtail's audit log with its user."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, ModelLogEntry

from tests.test_uploads import PDF, png

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def login(client, username):
    user = get_user_model().objects.get(username=username)
    client.force_login(user)
    return user


def upload(client, kind):
    name, content, model = ("photo.png", png(), Image) if kind == "image" else ("report.pdf", PDF, Document)
    response = client.post(
        reverse("wagtailimages:add" if kind == "image" else "wagtaildocs:add"),
        {
            "title": "Own upload",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302, "the upload was refused"
    return model.objects.get(title="Own upload")


def urls(kind, obj):
    app = "wagtailimages" if kind == "image" else "wagtaildocs"
    return reverse(f"{app}:edit", args=(obj.pk,)), reverse(f"{app}:delete", args=(obj.pk,))


def denied(response):
    """Wagtail's admin answers a refused view with 403, or with a redirect to the dashboard and a
    "no permission" message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def logged(obj, action):
    return list(
        ModelLogEntry.objects.filter(
            object_id=str(obj.pk), action=action, content_type__model=obj._meta.model_name
        )
        .order_by("pk")
        .values_list("user__username", flat=True)
    )


@pytest.mark.parametrize("kind", ["image", "document"])
def test_an_editor_cannot_edit_or_delete_their_own_upload(client, kind):
    login(client, "sq-editor")
    obj = upload(client, kind)
    edit, delete = urls(kind, obj)
    assert denied(client.get(edit))
    assert denied(client.post(edit, {"title": "Changed"}))
    assert denied(client.get(delete))
    assert denied(client.post(delete))
    obj.refresh_from_db()
    assert obj.title == "Own upload"
    # Nor through the multiple uploader's edit and delete.
    app = "wagtailimages" if kind == "image" else "wagtaildocs"
    assert denied(client.post(reverse(f"{app}:edit_multiple", args=(obj.pk,)), {}))
    assert denied(client.post(reverse(f"{app}:delete_multiple", args=(obj.pk,))))
    assert type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("kind", ["image", "document"])
def test_an_editor_is_not_offered_edit_or_delete(client, kind):
    login(client, "sq-editor")
    obj = upload(client, kind)
    edit, delete = urls(kind, obj)
    app = "wagtailimages" if kind == "image" else "wagtaildocs"
    client.get(reverse(f"{app}:index"))  # shows (and so drops) the upload's "added" message
    listing = client.get(reverse(f"{app}:index"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert edit not in html
    assert delete not in html
    # Still uploads and chooses.
    chooser = client.get(
        reverse("wagtailimages_chooser:choose" if kind == "image" else "wagtaildocs_chooser:choose")
    )
    assert chooser.status_code == 200
    assert "Own upload" in chooser.content.decode()


@pytest.mark.parametrize("kind", ["image", "document"])
def test_a_moderator_edits_and_deletes_and_it_is_logged(client, kind):
    login(client, "sq-editor")
    obj = upload(client, kind)
    login(client, "moderator")
    edit, delete = urls(kind, obj)
    assert client.get(edit).status_code == 200
    name, content = ("new.png", png(30, 30)) if kind == "image" else ("new.pdf", PDF)
    response = client.post(
        edit,
        {
            "title": "Replaced",
            "file": SimpleUploadedFile(name, content),
            "collection": obj.collection_id,
            "tags": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    obj.refresh_from_db()
    assert obj.title == "Replaced"
    assert logged(obj, "wagtail.edit") == ["moderator"]
    assert client.post(delete).status_code == 302
    assert not type(obj).objects.filter(pk=obj.pk).exists()
    assert logged(obj, "wagtail.delete") == ["moderator"]

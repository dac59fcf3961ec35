"""A language may replace the report PDF (or a photo) with its own, and keeps it through syncs."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail_localize.models import OverridableSegment, Translation, TranslationSource

from editorial import roles
from pages.models import AssessmentPage

pytestmark = pytest.mark.django_db


def test_a_bosnian_report_survives_a_sync_of_the_english_page(
    client, django_user_model, django_capture_on_commit_callbacks
):
    english = AssessmentPage.objects.get(
        locale__language_code="en", slug="nrm-assessment-bosnia-and-herzegovina"
    )
    translation = Translation.objects.get(
        source__object_id=english.translation_key, target_locale__language_code="bs"
    )
    bosnian_report = get_document_model().objects.create(
        title="Procjena NRM-a u BiH (PDF)",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="procjena-nrm-bih.pdf"),
    )
    editor = django_user_model.objects.create_user("bs-override", password="pw")
    editor.groups.add(roles.Group.objects.get(name=roles.editor_group_name("bs")))
    client.force_login(editor)

    segment = OverridableSegment.objects.get(source=translation.source, context__path="report")
    url = reverse("wagtail_localize:edit_override", args=(translation.pk, segment.pk))
    response = client.put(url, f"value={bosnian_report.pk}", content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 201)
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    bosnian = english.get_translations().get(locale__language_code="bs").specific
    assert bosnian.report_id == bosnian_report.pk

    # the English page changes and the translation is synced
    english.summary = "An updated English summary."
    english.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        TranslationSource.update_or_create_from_instance(english)
        translation.refresh_from_db()
        translation.save_target(publish=True)
    bosnian.refresh_from_db()
    assert bosnian.report_id == bosnian_report.pk
    assert english.report_id != bosnian_report.pk

    documents = client.get(f"/api/v1/bs/assessments/{bosnian.slug}/").json()["documents"]
    assert [(item["locale"], item["url"]) for item in documents] == [
        ("en", f"http://testserver{english.report.url}"),
        ("bs", f"http://testserver{bosnian_report.url}"),
    ]


def test_syncing_never_publishes_english_text(client, member, django_capture_on_commit_callbacks):
    from wagtail_localize.models import TranslationSource

    english = AssessmentPage.objects.get(
        locale__language_code="en", slug="nrm-assessment-bosnia-and-herzegovina"
    )
    urdu = english.get_translations().get(locale__language_code="ur").specific
    english.summary = "A new English summary that nobody has translated yet."
    english.save_revision().publish()
    source = TranslationSource.objects.get(object_id=english.translation_key, locale=english.locale)
    client.force_login(member("Moderators"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:update_translations", args=(source.pk,)), {"publish_translations": "on"}
        )
    assert response.status_code == 302
    urdu.refresh_from_db()
    assert "nobody has translated" not in urdu.summary
    assert client.get(f"/api/v1/ur/assessments/{urdu.slug}/").json()["summary"] == urdu.summary

"""National editors translate the snippets of their own language only."""

import pytest
from django.urls import reverse
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail_localize.models import StringSegment, Translation

from pages.models import Organisation

pytestmark = pytest.mark.django_db
FORM = "application/x-www-form-urlencoded"


def dgmm(code):
    return Organisation.objects.get(acronym__in=["DGMM", "GİGM"], locale__language_code=code)


def segment_url(organisation):
    english = dgmm("en")
    translation = Translation.objects.get(
        source__object_id=english.translation_key,
        target_locale__language_code=organisation.locale.language_code,
    )
    segment = StringSegment.objects.filter(source=translation.source, context__path="name").get()
    return reverse("wagtail_localize:edit_string_translation", args=(translation.pk, segment.pk))


def test_an_editor_translates_their_own_languages_snippet(client, member):
    client.force_login(member("Azerbaijani editors"))
    own = dgmm("az")
    assert client.get(AdminURLFinder().get_edit_url(own)).status_code == 200
    response = client.put(segment_url(own), "value=Miqrasiya+İdarəsi", content_type=FORM)
    assert response.status_code == 200


@pytest.mark.parametrize("code", ["tr", "en"])
def test_an_editor_cannot_touch_another_languages_snippet(client, member, code):
    client.force_login(member("Azerbaijani editors"))
    other = dgmm(code)
    response = client.get(AdminURLFinder().get_edit_url(other))
    assert response.status_code in (302, 403)
    if code != "en":
        assert client.put(segment_url(other), "value=x", content_type=FORM).status_code == 403


def test_moderators_translate_every_language(client, member):
    client.force_login(member("Moderators"))
    assert client.put(segment_url(dgmm("tr")), "value=G%C4%B0GM", content_type=FORM).status_code == 200

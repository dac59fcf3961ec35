"""`load_demo` brings the partnership's news, with translations made through wagtail-localize."""

import io

import pytest
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from cms import i18n
from pages.models import AssessmentPage, Country, EventPage, GalleryPage, Organisation, Person, Topic
from tests.content import english

pytestmark = pytest.mark.django_db

TRANSLATED = [
    (EventPage, "media-reporting-workshop-2017"),
    (EventPage, "dgmm-awareness-training-adana-2016"),
    (EventPage, "training-seminar-tirana-2016"),
    (AssessmentPage, "nrm-assessment-bosnia-and-herzegovina"),
    (GalleryPage, "media-reporting-workshop-2017-photos"),
]


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "sources": TranslationSource.objects.count(),
        "translations": Translation.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        **{model.__name__: model.objects.count() for model in (Country, Organisation, Person, Topic)},
    }


def test_load_demo_twice_changes_nothing():
    before = counts()
    call_command("load_demo", stdout=io.StringIO())
    assert counts() == before


def test_the_ten_news_items_are_pages_in_english():
    assert EventPage.objects.filter(locale__language_code="en", live=True).count() == 8
    assert AssessmentPage.objects.filter(locale__language_code="en", live=True).count() == 2


@pytest.mark.parametrize(("model", "slug"), TRANSLATED)
def test_translated_into_all_six_languages_and_published(model, slug):
    source = english(model, slug)
    translations = {page.locale.language_code: page for page in source.get_translations()}
    assert set(translations) == set(i18n.TRANSLATION_LANGUAGES)
    for code, page in translations.items():
        assert page.live, code
        assert page.title != source.title, code
        assert page.slug and not page.slug.endswith("-1"), (code, page.slug)
        # made by wagtail-localize, so a later sync of the English page reaches it
        translation = Translation.objects.get(
            source__object_id=source.translation_key, target_locale=page.locale
        )
        total, done = translation.get_progress()
        assert total == done > 0, code


def test_a_translated_event_keeps_its_facts_and_refers_to_translated_snippets():
    source = english(EventPage, "dgmm-awareness-training-adana-2016")
    turkish = source.get_translations().get(locale__language_code="tr").specific
    assert (turkish.start_date, turkish.end_date) == (source.start_date, source.end_date)
    assert turkish.participants_total == 23 and turkish.participants_not_recorded == 1
    assert turkish.country.locale.language_code == "tr" and turkish.country.iso_code == "TR"
    experts = [(expert.person.locale.language_code, expert.role) for expert in turkish.experts.all()]
    assert experts == [
        ("tr", "trainer"),
        ("tr", "trainer"),
        ("tr", "national_expert"),
        ("tr", "national_expert"),
    ]
    assert [item.value for item in turkish.learning_points] != [item.value for item in source.learning_points]
    assert "ur" in {page.locale.language_code for page in source.get_translations()}


def test_the_english_sources_are_untouched_by_translation():
    for model, slug in TRANSLATED:
        page = english(model, slug)
        assert page.locale.language_code == "en"
        assert page.get_latest_revision().content["title"] == page.title
        segments = StringSegment.objects.filter(source__object_id=page.translation_key)
        assert segments.filter(string__data=page.title).exists()


def test_the_bosnian_assessment_has_a_real_pdf():
    assessment = english(AssessmentPage, "nrm-assessment-bosnia-and-herzegovina")
    with assessment.report.open_file() as report:
        data = report.read()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert b"Bosnia and Herzegovina" in data
    assert assessment.report.file_extension == "pdf"


def test_the_gallery_has_photos_with_alt_text_in_every_language():
    gallery = english(GalleryPage, "media-reporting-workshop-2017-photos")
    assert gallery.event.slug == "media-reporting-workshop-2017"
    assert gallery.photos.count() == 4 and gallery.cover == gallery.photos.first().image
    urdu = gallery.get_translations().get(locale__language_code="ur").specific
    assert [photo.image_id for photo in urdu.photos.all()] == [
        photo.image_id for photo in gallery.photos.all()
    ]
    assert all(photo.alt_text and not photo.alt_text.isascii() for photo in urdu.photos.all())


def test_countries_are_named_by_cldr_in_their_locale():
    bosnia = Country.objects.get(iso_code="BA", locale__language_code="bs")
    assert bosnia.name_in("bs") == "Bosna i Hercegovina"
    assert Country.objects.filter(iso_code="BA").count() == len(i18n.LANGUAGE_CODES)


def test_demo_logins_for_every_role_open_the_admin_in_their_language(client, django_user_model):
    editor = django_user_model.objects.get(username="ur-editor")
    assert editor.groups.get().name == "Urdu editors"
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert '<html lang="ur" dir="rtl"' in response.content.decode()
    for username in ("moderator", "en-editor", "sq-reviewer", "tr-editor"):
        client.force_login(django_user_model.objects.get(username=username))
        assert client.get("/admin/").status_code == 200, username


def test_the_demo_has_every_shape_the_api_shows():
    """Partners build against the demo: a lead image with a focal point on an event with a gallery,
    an assessment with related events and a report of its own in Bosnian, every kind of block."""
    workshop = english(EventPage, "media-reporting-workshop-2017")
    assert workshop.lead_image.focal_point_x is not None and workshop.galleries.exists()
    bosnia = english(AssessmentPage, "nrm-assessment-bosnia-and-herzegovina")
    assert bosnia.related_events.filter(locale__language_code="en").count() >= 2
    bosnian = bosnia.get_translations().get(locale__language_code="bs").specific
    assert bosnian.report_id != bosnia.report_id
    kinds = {
        block.block_type
        for event in EventPage.objects.filter(locale__language_code="en")
        for block in event.body
    }
    assert kinds >= {"heading", "paragraph", "bullet_list", "quote", "image", "document"}

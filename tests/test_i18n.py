"""Locale facts and formatting come from CLDR through cms.i18n."""

from datetime import date

import pytest
from django.conf import settings
from django.utils.translation import get_language_info

from cms import i18n


def test_seven_locales_with_english_as_source():
    codes = [info.code for info in i18n.all_locales()]
    assert codes == ["en", "sq", "az", "bs", "ro", "ur", "tr"]
    assert [info.code for info in i18n.all_locales() if info.is_source] == ["en"]


@pytest.mark.parametrize(
    ("code", "english", "native"),
    [
        ("sq", "Albanian", "Shqip"),
        ("az", "Azerbaijani", "Azərbaycan"),
        ("bs", "Bosnian", "Bosanski"),
        ("ro", "Romanian", "Română"),
        ("ur", "Urdu", "اردو"),
        ("tr", "Turkish", "Türkçe"),
    ],
)
def test_language_names_come_from_cldr(code, english, native):
    info = i18n.locale_info(code)
    assert (info.english_name, info.native_name) == (english, native)


def test_a_language_is_named_as_the_reader_s_language_writes_it_in_a_sentence():
    assert i18n.language_name("sq", "en") == "Albanian"
    assert i18n.language_name("sq", "sq") == "shqip"  # lower case inside an Albanian sentence
    assert i18n.language_name("sq", "tr") == "Arnavutça"
    assert i18n.language_name("sq", "not-a-language") == "Albanian"


def test_only_urdu_is_written_right_to_left():
    assert i18n.rtl_language_codes() == ["ur"]
    # Django alone would call Latin-script Azerbaijani bidirectional; the settings do not.
    assert get_language_info("az")["bidi"] is True
    assert "az" not in settings.LANGUAGES_BIDI
    assert "ur" in settings.LANGUAGES_BIDI


def test_settings_take_languages_from_the_locale_module():
    assert settings.LANGUAGE_CODE == "en"
    assert settings.LANGUAGES == settings.WAGTAIL_CONTENT_LANGUAGES == i18n.django_languages()
    assert dict(settings.WAGTAILADMIN_PERMITTED_LANGUAGES).keys() == set(i18n.LANGUAGE_CODES)


def test_country_names_in_each_language():
    assert i18n.country_name("ba", "en") == "Bosnia & Herzegovina"
    assert i18n.country_name("BA", "bs") == "Bosna i Hercegovina"
    assert i18n.country_name("TR", "tr") == "Türkiye"
    assert i18n.country_name("PK", "ur") == "پاکستان"
    assert i18n.is_known_country("md") and not i18n.is_known_country("XX")


def test_date_ranges_are_written_the_way_each_language_writes_them():
    start, end = date(2016, 12, 14), date(2016, 12, 15)
    assert i18n.format_date_range(start, end, "en") == "Dec 14\u2009–\u200915, 2016"
    assert i18n.format_date_range(start, end, "tr") == "14–15 Ara 2016"
    # a single day in the same format as a range (CLDR has range formats for abbreviated months)
    assert i18n.format_date_range(start, start, "sq") == "14 dhj 2016"
    assert i18n.format_date_range(start, None, "en") == "Dec 14, 2016"


@pytest.mark.parametrize("code", i18n.LANGUAGE_CODES)
def test_a_single_day_and_a_range_share_one_format(code):
    """Turkish showed "14–15 Ara 2016" beside "17 Mayıs 2017": the month's form now never changes."""
    day, first, last = date(2017, 12, 17), date(2016, 12, 14), date(2016, 12, 15)
    single = i18n.format_day(day, code)
    month = i18n.format_date_range(first, last, code).replace("2016", "").strip(" .,،")
    month_word = next(word for word in month.replace("–", " ").split() if not word.strip(".").isdigit())
    assert month_word.strip(".,،") in [word.strip(".,،") for word in single.split()], (single, month_word)

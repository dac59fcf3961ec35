"""Dates and numbers in the admin read as CLDR writes them in each editor's language, from
the format modules in admin_catalogues/formats/ and the month names in locale/admin/."""

import datetime
from decimal import Decimal

import pytest
from babel.dates import format_datetime
from babel.numbers import format_decimal
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import formats, translation

from admin_catalogues.cldr import cldr_patterns, django_pattern, editors_locale
from cms import i18n
from glossary.models import GlossaryTerm

# every month, in the morning and the evening (12-hour languages print their day period)
MOMENTS = [datetime.datetime(2026, month, month + 2, hour, 39) for month in range(1, 13) for hour in (9, 21)]


@pytest.mark.parametrize("code", i18n.TRANSLATION_LANGUAGES)
def test_every_date_format_prints_what_cldr_prints(code):
    locale = editors_locale(code)
    with translation.override(code):
        for setting, pattern in cldr_patterns(code).items():
            for moment in MOMENTS:
                assert formats.date_format(moment, setting) == format_datetime(
                    moment, pattern, locale=locale
                ), (
                    setting,
                    moment,
                )


@pytest.mark.parametrize("code", i18n.TRANSLATION_LANGUAGES)
def test_numbers_are_grouped_and_separated_as_cldr_does(code):
    amount = Decimal("1234567.89")
    with translation.override(code):
        shown = formats.number_format(amount, 2, force_grouping=True)
    assert shown == format_decimal(amount, format="#,##0.00", locale=editors_locale(code))


def test_the_week_starts_where_the_editors_live():
    with translation.override("ur"):
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 0  # Sunday, in Pakistan
    with translation.override("sq"):
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1  # Monday, in Albania


def test_a_cldr_field_django_cannot_print_is_named():
    assert django_pattern("d.M.yy 'de' HH:mm") == r"j.n.y \d\e H:i"
    with pytest.raises(ValueError, match="'zzzz' has no Django equivalent"):
        django_pattern("HH:mm zzzz")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("username", "shown"),
    [
        ("sq-editor", "2 dhj 2026, 9:39\u202fm.d."),  # was "Dhj. 2, 2026, 9:39 a.m."
        ("ur-editor", "2 دسمبر، 2026 9:39 PM"),
        ("tr-editor", "2 Ara 2026 21:39"),
    ],
)
def test_the_glossary_says_when_a_term_changed_in_the_editors_language(client, username, shown):
    code = username.split("-")[0]
    GlossaryTerm.objects.filter(locale__language_code=code).update(
        updated_at=datetime.datetime(2026, 12, 2, 21, 39, tzinfo=datetime.UTC)
    )
    # the demo's national editors have the admin in their own language
    client.force_login(get_user_model().objects.get(username=username))
    page = client.get(reverse("glossary:index")).content.decode()
    assert shown in page

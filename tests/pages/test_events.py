"""Events: dates and participant figures are stored as reported and checked like an editor expects."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from pages.models import EventIndexPage, EventPage

pytestmark = pytest.mark.django_db


def event(**fields):
    defaults = {"title": "Training", "slug": "training", "kind": "training", "start_date": date(2016, 12, 14)}
    return EventPage(**{**defaults, **fields})


def test_an_event_cannot_end_before_it_starts():
    with pytest.raises(ValidationError) as error:
        event(end_date=date(2016, 12, 13)).clean()
    assert "end_date" in error.value.message_dict


def test_a_single_day_event_ends_the_day_it_starts():
    single_day = event()
    single_day.clean()
    assert single_day.end_date == date(2016, 12, 14)


def test_figures_are_stored_as_reported_with_the_rest_not_recorded():
    # "a total of 23 participants, of which 19 were male and 3 were female"
    training = EventPage.objects.get(locale__language_code="en", slug="dgmm-awareness-training-adana-2016")
    assert (training.participants_total, training.participants_men, training.participants_women) == (
        23,
        19,
        3,
    )
    assert training.participants_not_recorded == 1
    groups = [(group.value["count"], group.value["description"]) for group in training.participant_groups]
    assert groups == [(19, "Representatives of the DGMM"), (4, "Project staff and experts")]


def test_women_and_men_beyond_the_total_are_an_error():
    with pytest.raises(ValidationError) as error:
        event(participants_total=23, participants_women=3, participants_men=21).clean()
    assert "participants_total" in error.value.message_dict


def test_a_breakdown_without_a_total_is_an_error():
    with pytest.raises(ValidationError) as error:
        event(participants_women=3).clean()
    assert "participants_total" in error.value.message_dict


def test_participant_groups_beyond_the_total_are_an_error():
    groups = [("group", {"count": 20, "description": "DGMM", "organisation": None})] * 2
    with pytest.raises(ValidationError) as error:
        event(participants_total=23, participant_groups=groups).clean()
    assert "participant_groups" in error.value.message_dict


def _event_form(**overrides):
    fields = {
        "title": "Awareness training",
        "slug": "awareness-training",
        "summary": "",
        "kind": "training",
        "scope": "national",
        "start_date": "2016-12-14",
        "end_date": "",
        "venue": "",
        "city": "Adana",
        "country": "",
        "assessment": "",
        "participants_total": "",
        "participants_women": "",
        "participants_men": "",
        "organisations": inline_formset([]),
        "participating_countries": inline_formset([]),
        "experts": inline_formset([]),
        "topics": inline_formset([]),
        "comments": inline_formset([]),
    }
    for name in (
        "target_audience",
        "objectives",
        "body",
        "programme",
        "learning_points",
        "outcomes",
        "feedback",
        "participant_groups",
    ):
        fields[name] = streamfield([])
    return nested_form_data({**fields, **overrides})


def _add_event_url():
    parent = EventIndexPage.objects.get(locale__language_code="en")
    return reverse("wagtailadmin_pages:add", args=("pages", "eventpage", parent.pk))


def test_the_admin_saves_a_single_day_event(admin_client):
    response = admin_client.post(_add_event_url(), _event_form())
    assert response.status_code == 302
    saved = EventPage.objects.get(slug="awareness-training")
    assert saved.end_date == saved.start_date == date(2016, 12, 14)


def test_the_admin_shows_impossible_figures_as_a_form_error(admin_client):
    form = _event_form(participants_total="23", participants_women="3", participants_men="30")
    response = admin_client.post(_add_event_url(), form)
    assert response.status_code == 200
    assert "more than the 23 participants" in response.content.decode()
    assert not EventPage.objects.filter(slug="awareness-training").exists()


def test_the_admin_rejects_an_end_before_the_start(admin_client):
    response = admin_client.post(_add_event_url(), _event_form(end_date="2016-12-01"))
    assert response.status_code == 200
    assert "cannot end before it starts" in response.content.decode()
    assert not EventPage.objects.filter(slug="awareness-training").exists()

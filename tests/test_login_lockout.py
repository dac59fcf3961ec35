"""Guessing admin passwords: after five failures a username is locked out at that address."""

import pytest
from axes.models import AccessAttempt
from django.test import Client

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "the-right-password"


@pytest.fixture
def editor(django_user_model, settings):
    settings.AXES_ENABLED = True  # the test settings turn it off for Django's test client.login
    settings.AXES_FAILURE_LIMIT = 5
    return django_user_model.objects.create_superuser("lockout-editor", "lockout@example.org", PASSWORD)


def log_in(client, password, username="lockout-editor", address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def is_signed_in(client):
    return client.get("/admin/").status_code == 200


def test_a_burst_of_wrong_passwords_locks_the_login_out_even_for_the_right_password(editor):
    client = Client()
    failures = [log_in(client, f"guess-{attempt}") for attempt in range(5)]
    # the form again with an error four times; the fifth failure locks the login out
    assert [response.status_code for response in failures] == [200, 200, 200, 200, 429]
    assert "Your username and password" in failures[0].content.decode()

    locked = log_in(client, "guess-5")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "too many login attempts" in page and "Sign in to Wagtail" in page

    right = log_in(client, PASSWORD)
    assert right.status_code == 429 and "too many login attempts" in right.content.decode()
    assert not is_signed_in(client)
    assert AccessAttempt.objects.get(username="lockout-editor").failures_since_start >= 5


def test_the_lockout_is_per_username_and_address(editor):
    for attempt in range(6):
        log_in(Client(), f"guess-{attempt}")
    other_address = Client()
    assert log_in(other_address, PASSWORD, address="198.51.100.4").status_code == 302
    assert is_signed_in(other_address)


def test_the_right_password_before_the_limit_signs_in_and_resets_the_count(editor):
    client = Client()
    for attempt in range(4):
        log_in(client, f"guess-{attempt}")
    assert log_in(client, PASSWORD).status_code == 302
    assert is_signed_in(client)
    assert not AccessAttempt.objects.filter(username="lockout-editor").exists()


def test_the_lockout_ends_after_the_cool_off(editor, settings):
    client = Client()
    for attempt in range(6):
        log_in(client, f"guess-{attempt}")
    assert log_in(client, PASSWORD).status_code == 429
    attempt = AccessAttempt.objects.get(username="lockout-editor")
    attempt.attempt_time -= settings.AXES_COOLOFF_TIME
    attempt.save()
    assert log_in(client, PASSWORD).status_code == 302
    assert is_signed_in(client)

"""Partners are told of every change of the feed: signed, in order, at least once."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from api.models import ContentChange
from tests.content import in_locale
from webhooks import sending
from webhooks.models import Delivery, WebhookEndpoint

from .conftest import Receiver, free_port

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def deliver():
    call_command("deliver_webhooks", stdout=io.StringIO())


def feed_since(client, cursor):
    return client.get("/api/v1/changes/", {"since": cursor}).json()["results"]


def last_cursor():
    return ContentChange.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def time_passes():
    """What waiting for the retries would do: every waiting delivery falls due."""
    Delivery.objects.filter(status=Delivery.Status.PENDING).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )


def test_each_change_arrives_signed_as_the_documented_snippet_verifies(
    client, settings, receiver, endpoint_at, adana, documented_verify, django_capture_on_commit_callbacks
):
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"
    endpoint = endpoint_at(receiver.url)
    cursor = last_cursor()
    with django_capture_on_commit_callbacks(execute=True):
        adana.save_revision().publish()  # updated, in English and in each translation
    deliver()

    assert receiver.received
    for headers, body in receiver.received:
        assert documented_verify(endpoint.secret, headers, body)
        assert not documented_verify("whsec_another", headers, body)
        assert not documented_verify(endpoint.secret, headers, body.replace(b"updated", b"deleted"))
        assert headers["Content-Type"] == "application/json; charset=utf-8"
    assert receiver.entries() == feed_since(client, cursor)
    assert {entry["locale"] for entry in receiver.entries()} == {"en", "sq", "az", "bs", "ro", "ur", "tr"}
    assert len(set(receiver.ids())) == len(receiver.received)


def test_an_endpoint_gets_only_its_languages_and_types(
    receiver, endpoint_at, adana, gallery, django_capture_on_commit_callbacks
):
    endpoint_at(receiver.url, locales=["ur", "tr"], types=["event"])
    with django_capture_on_commit_callbacks(execute=True):
        adana.save_revision().publish()
        gallery.save_revision().publish()
    deliver()
    assert sorted((entry["type"], entry["locale"]) for entry in receiver.entries()) == [
        ("event", "tr"),
        ("event", "ur"),
    ]


def test_a_rolled_back_change_is_never_sent(receiver, endpoint_at, adana):
    endpoint_at(receiver.url)
    before = Delivery.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        adana.save_revision().publish()
        assert Delivery.objects.count() > before  # written with the feed's entries
        raise RuntimeError("the editor's request fails after publishing")
    assert Delivery.objects.count() == before
    deliver()
    assert receiver.received == []


def test_a_receiver_that_was_down_gets_every_event_in_feed_order(
    client, settings, endpoint_at, adana, media_workshop, django_capture_on_commit_callbacks
):
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"
    port = free_port()
    endpoint_at(f"http://127.0.0.1:{port}/hook")
    cursor = last_cursor()
    with django_capture_on_commit_callbacks(execute=True):
        adana.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        in_locale(media_workshop, "ur").unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        in_locale(adana, "sq").delete()
    deliver()  # nobody listens: the first delivery fails and the others wait behind it

    first, *others = Delivery.objects.order_by("change_id")
    assert first.attempts == 1 and first.status == "pending" and first.error
    assert first.next_attempt_at > first.last_attempt_at + timedelta(seconds=20)  # backing off
    assert all(delivery.attempts == 0 for delivery in others)

    receiver = Receiver(port)
    try:
        deliver()  # not due yet: nothing is sent before its retry time
        assert receiver.received == []
        time_passes()
        deliver()
    finally:
        receiver.stop()
    expected = feed_since(client, cursor)
    assert {entry["action"] for entry in expected} == {"updated", "unpublished", "deleted"}
    assert receiver.entries() == expected
    assert not Delivery.objects.filter(status="pending").exists()


def test_a_delivery_interrupted_before_it_is_marked_sent_is_sent_again(
    receiver, endpoint_at, adana, monkeypatch, django_capture_on_commit_callbacks
):
    endpoint = endpoint_at(receiver.url, locales=["en"])
    with django_capture_on_commit_callbacks(execute=True):
        adana.save_revision().publish()

    class ProcessDied(BaseException):
        pass

    def die(*args):
        raise ProcessDied

    with monkeypatch.context() as dying:
        dying.setattr(sending, "record", die)  # the partner has it; the sender dies before noting it
        dying.setattr(sending, "release", lambda *args: None)  # a dead process releases nothing
        with pytest.raises(ProcessDied):
            deliver()
    assert len(receiver.received) == 1
    deliver()  # the dead sender's lease still holds the endpoint
    assert len(receiver.received) == 1

    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    deliver()
    assert len(receiver.received) == 2
    assert receiver.ids()[0] == receiver.ids()[1]  # the receiver can tell it is the same delivery
    assert receiver.received[0][1] == receiver.received[1][1]
    assert Delivery.objects.get().status == "sent"


def test_failures_are_retried_for_a_day_then_the_endpoint_stops_until_reactivated(
    admin_client, receiver, endpoint_at, adana, django_capture_on_commit_callbacks
):
    endpoint = endpoint_at(receiver.url, locales=["en", "tr"])
    receiver.status = 302  # a redirect is not followed: it is a failure
    receiver.answer = "ü".encode() * 1000
    with django_capture_on_commit_callbacks(execute=True):
        adana.save_revision().publish()
    deliver()
    head = Delivery.objects.order_by("change_id").first()
    assert head.response_status == 302 and head.status == "pending"
    assert head.response_body == "ü" * 200  # only the start of the answer is kept
    assert len(receiver.received) == 1  # and nothing went to the redirect's address

    receiver.status = 500
    waits = []
    for _attempt in range(3):
        time_passes()
        deliver()
        head.refresh_from_db()
        waits.append(head.next_attempt_at - head.last_attempt_at)
    assert head.attempts == 4 and head.response_status == 500
    assert waits[0] < waits[1] < waits[2]  # backing off exponentially (with jitter)

    Delivery.objects.filter(pk=head.pk).update(first_attempt_at=timezone.now() - timedelta(hours=25))
    time_passes()
    deliver()
    head.refresh_from_db()
    endpoint.refresh_from_db()
    assert head.status == "failed" and endpoint.failing_since is not None
    listing = admin_client.get("/admin/webhooks/").content.decode()
    assert "failing" in listing

    receiver.status = 200
    received = len(receiver.received)
    time_passes()
    deliver()
    assert len(receiver.received) == received  # stopped, the next deliveries wait

    response = admin_client.post(f"/admin/webhooks/reactivate/{endpoint.pk}/")
    assert response.status_code == 302
    deliver()
    assert [entry["locale"] for entry in receiver.entries()[received:]] == ["tr"]
    assert Delivery.objects.get(pk=head.pk).status == "failed"  # given up; a moderator may redeliver it


def test_private_addresses_are_refused_again_when_sending(settings, receiver, endpoint_at, adana):
    endpoint_at(receiver.url, locales=["en"])  # registered while the setting allowed it
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    adana.save_revision().publish()
    deliver()
    assert receiver.received == []
    delivery = Delivery.objects.get()
    assert "private" in delivery.error and delivery.response_status is None


def test_the_worker_sends_what_a_commit_queued(
    receiver, endpoint_at, adana, monkeypatch, django_capture_on_commit_callbacks
):
    endpoint_at(receiver.url, locales=["en"])
    with django_capture_on_commit_callbacks(execute=True):
        adana.save_revision().publish()
    queued = DBTaskResult.objects.get(task_path="webhooks.tasks.deliver_webhooks", status="READY")
    assert queued.backend_name == "translation"

    # the worker would close the test's database connection between tasks
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    call_command("db_worker", "--batch", "--backend", "translation", "--no-startup-delay", verbosity=0)
    assert len(receiver.received) == 1
    assert DBTaskResult.objects.get(pk=queued.pk).status == "SUCCESSFUL"

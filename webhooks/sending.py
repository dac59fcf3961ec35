"""Sending the outbox: endpoint by endpoint, oldest change first, one delivery at a time.

An endpoint's next delivery waits until the one before it was sent or given up. A failed attempt
is retried with exponential backoff and jitter; after RETRY_FOR without success the delivery is
given up and the endpoint marked failing: nothing more is sent to it until a moderator reactivates
it (its later deliveries wait meanwhile). A sender holds an endpoint by a lease, in the database,
so the worker and `deliver_webhooks` never send to one endpoint at once; a sender that dies
mid-delivery leaves it pending, and the next sender sends it again with the same Webhook-Id.
"""

import random
import time
import uuid
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import signing, transport
from .models import Delivery, WebhookEndpoint

LEASE = timedelta(minutes=2)  # far longer than one attempt (a few 5-second timeouts)
FIRST_RETRY = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=3)
RETRY_FOR = timedelta(hours=24)


def backoff(attempts: int) -> timedelta:
    """Wait after the `attempts`-th failure: doubling from 30 s up to 3 h, ±25 % jitter so that
    deliveries that failed together do not all come back at once."""
    wait = min(FIRST_RETRY * 2 ** min(attempts - 1, 20), LONGEST_WAIT)
    return wait * random.uniform(0.75, 1.25)  # noqa: S311 (spreading retries, not a secret)


def claim(endpoint_id: int, holder: str) -> bool:
    now = timezone.now()
    free = Q(lease_until__isnull=True) | Q(lease_until__lt=now)
    return bool(
        WebhookEndpoint.objects.filter(free, pk=endpoint_id).update(
            lease_until=now + LEASE, lease_holder=holder
        )
    )


def renew(endpoint_id: int, holder: str) -> bool:
    return bool(
        WebhookEndpoint.objects.filter(pk=endpoint_id, lease_holder=holder).update(
            lease_until=timezone.now() + LEASE
        )
    )


def release(endpoint_id: int, holder: str) -> None:
    WebhookEndpoint.objects.filter(pk=endpoint_id, lease_holder=holder).update(
        lease_until=None, lease_holder=""
    )


def pending(endpoint_id: int):
    return Delivery.objects.filter(endpoint_id=endpoint_id, status=Delivery.Status.PENDING).order_by(
        "change_id", "id"
    )


def sendable_endpoints():
    return WebhookEndpoint.objects.filter(is_active=True, failing_since__isnull=True)


def attempt(endpoint: WebhookEndpoint, delivery: Delivery) -> bool:
    """Send one delivery once and record the outcome; True when the partner accepted it."""
    body = delivery.body.encode()
    timestamp = str(int(time.time()))
    outcome = transport.post(
        endpoint.url, body, signing.headers(endpoint.secret, str(delivery.webhook_id), timestamp, body)
    )
    record(endpoint, delivery, outcome)
    return outcome.ok


def record(endpoint: WebhookEndpoint, delivery: Delivery, outcome: transport.Outcome) -> None:
    now = timezone.now()
    delivery.attempts += 1
    delivery.first_attempt_at = delivery.first_attempt_at or now
    delivery.last_attempt_at = now
    delivery.response_status = outcome.status
    delivery.response_body = outcome.body
    delivery.error = outcome.error
    with transaction.atomic():
        if outcome.ok:
            delivery.status = Delivery.Status.SENT
            delivery.sent_at = now
        elif now - delivery.first_attempt_at >= RETRY_FOR:
            delivery.status = Delivery.Status.FAILED
            WebhookEndpoint.objects.filter(pk=endpoint.pk).update(failing_since=now)
        else:
            delivery.next_attempt_at = now + backoff(delivery.attempts)
        delivery.save()


def deliver_endpoint(endpoint_id: int) -> int:
    """Send what is due to one endpoint, in order, unless another sender holds it; return how many
    were sent."""
    holder = uuid.uuid4().hex
    if not claim(endpoint_id, holder):
        return 0
    sent = 0
    try:
        while True:
            endpoint = sendable_endpoints().filter(pk=endpoint_id).first()
            delivery = pending(endpoint_id).first() if endpoint else None
            if delivery is None or delivery.next_attempt_at > timezone.now():
                return sent
            if not renew(endpoint_id, holder) or not attempt(endpoint, delivery):
                return sent
            sent += 1
    finally:
        release(endpoint_id, holder)


def deliver_due() -> int:
    """Send every due delivery; return how many were sent."""
    return sum(deliver_endpoint(endpoint_id) for endpoint_id in endpoints_with_pending())


def endpoints_with_pending() -> list[int]:
    endpoints = sendable_endpoints().filter(deliveries__status=Delivery.Status.PENDING)
    return list(endpoints.order_by("pk").values_list("pk", flat=True).distinct())


def next_due() -> datetime | None:
    """When the first of the endpoints' next deliveries falls due (each waits for the one before)."""
    heads = [pending(pk).values_list("next_attempt_at", flat=True).first() for pk in endpoints_with_pending()]
    heads = [head for head in heads if head is not None]
    return min(heads) if heads else None

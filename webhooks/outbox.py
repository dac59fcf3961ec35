"""Deliveries are written with the changes feed's entries, in the same transaction.

So a change that commits is delivered even if the process dies right after, and a change rolled
back is never sent. Sending starts once the transaction has committed (tasks.py).
"""

import json

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from api.changes import feed_entry
from api.serializers import ChangeSerializer
from editorial import roles

from . import tasks
from .models import Delivery, WebhookEndpoint


def api_origin() -> str:
    """Where the API is served: the CMS's own address (links in workflow e-mails use it too)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def body_of(change) -> str:
    """The feed's entry for this change, exactly as /api/v1/changes/ lists it."""
    origin = api_origin()
    entry = ChangeSerializer(feed_entry(change, lambda path: origin + path)).data
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":"))


def queue_deliveries(sender, changes, **kwargs):
    endpoints = list(WebhookEndpoint.objects.filter(is_active=True))
    deliveries = []
    for change in changes:
        wanted_by = [endpoint for endpoint in endpoints if endpoint.wants(change)]
        if wanted_by:
            body = body_of(change)
            deliveries += [Delivery(endpoint=endpoint, change=change, body=body) for endpoint in wanted_by]
    if deliveries:
        Delivery.objects.bulk_create(deliveries)
        transaction.on_commit(tasks.queue)


def grant_moderators(sender, **kwargs):
    """Moderators register and look after the endpoints; nobody else but superusers may."""
    moderators = Group.objects.get(name=roles.MODERATORS)
    moderators.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="webhooks",
            codename__in=["add_webhookendpoint", "change_webhookendpoint", "delete_webhookendpoint"],
        )
    )

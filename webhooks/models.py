"""Partner endpoints told of every change of the feed, and the outbox of their deliveries."""

import secrets
import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from api.models import ContentChange


class WebhookEndpoint(models.Model):
    """A partner's address that receives the changes feed's entries as signed POST requests."""

    name = models.CharField(_("partner"), max_length=100, help_text=_("Who receives these notifications."))
    url = models.URLField(
        _("address"),
        max_length=500,
        help_text=_("The https:// address the CMS posts each change to."),
    )
    locales = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("None ticked: every language.")
    )
    types = models.JSONField(
        _("item types"), default=list, blank=True, help_text=_("None ticked: every type.")
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Untick to stop recording and sending notifications.")
    )
    # Kept as is: signing needs it. Shown once, when it is made (docs/api.md#webhooks).
    secret = models.CharField(max_length=64, editable=False)
    failing_since = models.DateTimeField(_("failing since"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # A sender holds the endpoint while it sends, so deliveries leave one at a time and in order.
    lease_until = models.DateTimeField(null=True, blank=True, editable=False)
    lease_holder = models.CharField(max_length=32, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self):
        return self.name

    def set_new_secret(self) -> str:
        self.secret = f"whsec_{secrets.token_urlsafe(32)}"
        return self.secret

    def wants(self, change: ContentChange) -> bool:
        return (not self.locales or change.locale in self.locales) and (
            not self.types or change.type in self.types
        )

    def state(self) -> str:
        if self.failing_since:
            return str(_("failing: deliveries stopped"))
        return str(_("active") if self.is_active else _("paused"))

    state.short_description = _("state")  # type: ignore[attr-defined]


class Delivery(models.Model):
    """One change for one endpoint: written with the change, in its transaction (the outbox)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("given up")

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    change = models.ForeignKey(ContentChange, on_delete=models.CASCADE, related_name="+")
    webhook_id = models.UUIDField(default=uuid.uuid4, unique=True)  # the same on every attempt
    body = models.TextField()
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    first_attempt_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    response_status = models.PositiveSmallIntegerField(_("response"), null=True, blank=True)
    response_body = models.CharField(max_length=200, blank=True)
    error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["change_id", "id"]
        indexes = [models.Index(fields=["endpoint", "status", "change"])]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")

    def __str__(self):
        return f"{self.webhook_id} → {self.endpoint_id}"

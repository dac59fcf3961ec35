"""What the API remembers: the changes feed for partner sites and the content version for caches."""

import hashlib
import secrets
import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ContentChange(models.Model):
    """One entry of the changes feed; its id is the cursor."""

    class Action(models.TextChoices):
        PUBLISHED = "published"
        UPDATED = "updated"
        UNPUBLISHED = "unpublished"
        DELETED = "deleted"

    type = models.CharField(max_length=20)
    translation_key = models.UUIDField(default=uuid.uuid4)
    locale = models.CharField(max_length=10)
    slug = models.CharField(max_length=255)
    action = models.CharField(max_length=20, choices=Action)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["locale", "id"])]

    def __str__(self):
        return f"{self.action} {self.type} {self.locale}/{self.slug}"


class AnnouncedItem(models.Model):
    """An item the feed has announced as published and not yet withdrawn.

    Comparing these with what is visible now tells which changes to record, so a partner
    that replays the feed ends with exactly what the list endpoints show.
    """

    type = models.CharField(max_length=20)
    translation_key = models.UUIDField()
    locale = models.CharField(max_length=10)
    slug = models.CharField(max_length=255)
    page_id = models.IntegerField(db_index=True)
    # a hash of what other items show of this one (its title, an assessment's report): when it
    # changes, they are `updated` too
    shown = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["translation_key", "locale"], name="one_announcement_per_item")
        ]

    def __str__(self):
        return f"{self.type} {self.locale}/{self.slug}"


class ContentVersion(models.Model):
    """A counter raised by every change of published content; cached responses carry it in their key."""

    value = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return str(self.value)


class PartnerKey(models.Model):
    """An API key of a partner website: a higher request quota, revocable, stored hashed."""

    name = models.CharField(
        _("partner"), max_length=100, help_text=_("Who uses this key, e.g. the partner's website.")
    )
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    requests_per_minute = models.PositiveIntegerField(_("requests per minute"), default=6000)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Untick to revoke the key at once.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner API key")
        verbose_name_plural = _("partner API keys")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    def set_new_key(self) -> str:
        """Give this partner a new key; return it in clear text, which is never stored."""
        self.prefix = secrets.token_hex(4)
        key = f"{self.prefix}.{secrets.token_urlsafe(32)}"
        self.key_hash = self.hash(key)
        return key

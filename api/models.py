"""What the API remembers: the changes feed for partner sites and the content version for caches."""

import uuid

from django.db import models
from django.utils import timezone


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

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["translation_key", "locale"], name="one_announcement_per_item")
        ]

    def __str__(self):
        return f"{self.type} {self.locale}/{self.slug}"


class ContentVersion(models.Model):
    """A counter raised by every change of published content; cached responses carry it in their key."""

    value = models.BigIntegerField(default=0)

    def __str__(self):
        return str(self.value)

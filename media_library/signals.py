"""Receivers that keep stored media facts complete, however a file arrives."""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail.documents import get_document_model


@receiver(pre_save, sender=get_document_model())
def record_file_size(sender, instance, **kwargs):
    """Documents saved outside the admin form (commands, imports) get their size recorded too."""
    if instance.file_size is None and instance.file:
        instance.file_size = instance.file.size

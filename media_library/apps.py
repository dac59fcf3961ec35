from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaLibraryConfig(AppConfig):
    """Rules for images and documents on top of Wagtail's: what an upload must be, and who may
    fetch a private collection's documents."""

    name = "media_library"
    verbose_name = _("Images and documents")

    def ready(self):
        from . import permissions, signals  # noqa: F401  (connect the receivers)

        permissions.register()

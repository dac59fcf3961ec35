from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """The translation workflow: who translates, reviews and publishes what, and how far each
    translation stands."""

    name = "editorial"
    verbose_name = _("Translation workflow")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .permissions import register_snippet_policies

        register_snippet_policies()

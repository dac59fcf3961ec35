from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Partnership news")

    def ready(self):
        from . import signals  # noqa: F401  (connect the receivers)
        from .permissions import register_snippet_policies

        register_snippet_policies()

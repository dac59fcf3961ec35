from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Partnership news")

    def ready(self):
        from . import signals  # noqa: F401  (connect the receivers)
        from .permissions import register_snippet_policies
        from .planner_statistics import state_list_index_statistics

        register_snippet_policies()
        post_migrate.connect(state_list_index_statistics, sender=self)

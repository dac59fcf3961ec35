from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "REST API"

    def ready(self):
        from . import changes, checks, http, renditions  # noqa: F401  (connect receivers, register checks)

        post_migrate.connect(bring_feed_in_step, sender=self)


def bring_feed_in_step(**kwargs):
    """After migrations, announce in the changes feed whatever is published but not yet in it."""
    from .changes import reconcile_all

    reconcile_all()

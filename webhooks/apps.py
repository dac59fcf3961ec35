from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self):
        from api.changes import changes_recorded
        from editorial.roles import permissions_ensured

        from . import outbox

        changes_recorded.connect(outbox.queue_deliveries, dispatch_uid="webhooks.queue_deliveries")
        permissions_ensured.connect(outbox.grant_moderators, dispatch_uid="webhooks.grant_moderators")

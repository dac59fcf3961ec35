"""Partner API keys in the admin: issue (the key is shown once), set quotas, revoke."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from .models import PartnerKey


class IssueKeyView(generic.CreateView):
    def save_instance(self):
        self.issued_key = self.form.instance.set_new_key()
        return super().save_instance()

    def get_success_message(self, instance):
        return _(
            "API key for %(partner)s: %(key)s — copy it now; it is stored hashed and cannot be shown again."
        ) % {"partner": instance.name, "key": self.issued_key}


class PartnerKeyViewSet(ModelViewSet):
    model = PartnerKey
    icon = "key"
    menu_label = _("Partner API keys")
    menu_order = 900
    add_to_settings_menu = True
    add_view_class = IssueKeyView
    form_fields = ["name", "requests_per_minute", "is_active"]
    list_display = ["name", "prefix", "requests_per_minute", "is_active", "created_at"]


@hooks.register("register_admin_viewset")
def register_partner_keys():
    return PartnerKeyViewSet("partner_keys")

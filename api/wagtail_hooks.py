"""Partner API keys in the admin: issue (the key is shown once), set quotas, revoke."""

from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from .models import PartnerKey


class IssueKeyView(generic.CreateView):
    def save_instance(self):
        self.issued_key = self.form.instance.set_new_key()
        return super().save_instance()

    def save_action(self):
        """Show the key in this response's body only, as Wagtail's own API tokens are: a success
        message would carry it in the messages cookie (signed, not encrypted) or the session."""
        response: HttpResponse
        if self.expects_json_response:
            response = JsonResponse({**self.get_success_json(), "key": self.issued_key})
        else:
            context = self.get_context_data(
                issued_key=self.issued_key,
                issued_message=_(
                    "API key for %(partner)s: %(key)s — copy it now; it is stored hashed and cannot be "
                    "shown again."
                )
                % {"partner": self.object.name, "key": self.issued_key},
                index_url=self.get_success_url(),
            )
            context["page_title"] = context["header_title"] = _("Partner API key issued")
            response = TemplateResponse(self.request, "api/partner_key_issued.html", context)
        add_never_cache_headers(response)  # no cache on the way may keep it
        return response


class PartnerKeyViewSet(ModelViewSet):
    model = PartnerKey
    icon = "key"
    menu_label = gettext_lazy("Partner API keys")
    menu_order = 900
    add_to_settings_menu = True
    add_view_class = IssueKeyView
    form_fields = ["name", "requests_per_minute", "is_active"]
    list_display = ["name", "prefix", "requests_per_minute", "is_active", "created_at"]


@hooks.register("register_admin_viewset")
def register_partner_keys():
    return PartnerKeyViewSet("partner_keys")

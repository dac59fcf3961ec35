"""Webhook endpoints in the admin's settings menu, for moderators and superusers only."""

from django.urls import path
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from . import views
from .forms import EndpointForm
from .models import WebhookEndpoint


class WebhookEndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    icon = "link-external"
    menu_label = gettext_lazy("Webhooks")
    menu_order = 910
    add_to_settings_menu = True
    add_view_class = views.RegisterEndpointView
    edit_view_class = views.EditEndpointView
    list_display = ["name", "url", "state", "created_at"]

    def get_form_class(self, for_update=False):
        return EndpointForm

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(log_url_name=self.get_url_name("log"), **kwargs)

    def action_view(self, view_class):
        return view_class.as_view(permission_policy=self.permission_policy, url_namespace=self.url_namespace)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("log/<int:pk>/", self.action_view(views.DeliveryLogView), name="log"),
            path(
                "log/<int:pk>/redeliver/<int:delivery_id>/",
                self.action_view(views.RedeliverView),
                name="redeliver",
            ),
            path("reactivate/<int:pk>/", self.action_view(views.ReactivateView), name="reactivate"),
            path("rotate/<int:pk>/", self.action_view(views.RotateSecretView), name="rotate"),
        ]


@hooks.register("register_admin_viewset")
def register_webhooks():
    return WebhookEndpointViewSet("webhooks")

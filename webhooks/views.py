"""The endpoints' admin: register (the secret is shown once), rotate the secret, the delivery log,
redeliver, reactivate a failing endpoint."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.generic import View
from wagtail.admin import messages
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from . import tasks
from .models import Delivery, WebhookEndpoint

LOG_LENGTH = 100


def secret_response(request, view_context, endpoint, secret, index_url):
    """The secret in this response's body only, never in a message (messages travel in a signed but
    readable cookie or in the session), and never again."""
    context = {
        **view_context,
        "object": endpoint,
        "secret": secret,
        "secret_message": _(
            "Signing secret for %(partner)s: copy it now and give it to the partner; it cannot be "
            "shown again."
        )
        % {"partner": endpoint.name},
        "index_url": index_url,
    }
    context["page_title"] = context["header_title"] = _("Webhook signing secret")
    response = TemplateResponse(request, "webhooks/secret.html", context)
    add_never_cache_headers(response)
    return response


class RegisterEndpointView(generic.CreateView):
    def save_instance(self):
        self.secret = self.form.instance.set_new_secret()
        return super().save_instance()

    def save_action(self):
        return secret_response(
            self.request, self.get_context_data(), self.object, self.secret, self.get_success_url()
        )


class EditEndpointView(generic.EditView):
    log_url_name = ""

    def get_header_buttons(self):
        log_url = reverse(self.log_url_name, args=(self.object.pk,))
        return [
            *super().get_header_buttons(),
            HeaderButton(_("Delivery log"), url=log_url, icon_name="list-ul"),
        ]


class EndpointActionView(WagtailAdminTemplateMixin, View):
    """An action on one endpoint, for those who may change endpoints."""

    permission_policy = None
    url_namespace = ""
    header_icon = "link-external"

    def dispatch(self, request, pk, **kwargs):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        self.endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
        return super().dispatch(request, **kwargs)

    def url(self, name):
        return reverse(f"{self.url_namespace}:{name}", args=(self.endpoint.pk,))

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(f"{self.url_namespace}:index"),
                "label": WebhookEndpoint._meta.verbose_name_plural.capitalize(),
            },
            {"url": self.url("edit"), "label": str(self.endpoint)},
            {"url": "", "label": self.get_page_title()},
        ]

    def to_log(self):
        return HttpResponseRedirect(self.url("log"))


class DeliveryLogView(EndpointActionView):
    template_name = "webhooks/delivery_log.html"

    def get_page_title(self):
        return _("Delivery log")

    def get(self, request):
        deliveries = self.endpoint.deliveries.select_related("change").order_by("-change_id", "-id")
        context = self.get_context_data(
            endpoint=self.endpoint,
            deliveries=deliveries[:LOG_LENGTH],
            pending=self.endpoint.deliveries.filter(status=Delivery.Status.PENDING).count(),
            reactivate_url=self.url("reactivate"),
            rotate_url=self.url("rotate"),
            redeliver_url_name=f"{self.url_namespace}:redeliver",
        )
        return self.render_to_response(context)


class RedeliverView(EndpointActionView):
    http_method_names = ["post"]

    def post(self, request, delivery_id):
        delivery = get_object_or_404(Delivery, pk=delivery_id, endpoint=self.endpoint)
        Delivery.objects.filter(pk=delivery.pk).update(
            status=Delivery.Status.PENDING,
            attempts=0,
            first_attempt_at=None,
            next_attempt_at=timezone.now(),
            sent_at=None,
        )
        transaction.on_commit(tasks.queue)
        if self.endpoint.failing_since or not self.endpoint.is_active:
            messages.warning(request, _("Delivery queued; it is sent once the endpoint is active again."))
        else:
            messages.success(request, _("Delivery queued again, with the same Webhook-Id."))
        return self.to_log()


class ReactivateView(EndpointActionView):
    http_method_names = ["post"]

    def post(self, request):
        WebhookEndpoint.objects.filter(pk=self.endpoint.pk).update(failing_since=None, is_active=True)
        transaction.on_commit(tasks.queue)
        messages.success(request, _("Endpoint reactivated: its waiting deliveries are sent in order."))
        return self.to_log()


class RotateSecretView(EndpointActionView):
    template_name = "webhooks/rotate.html"

    def get_page_title(self):
        return _("Rotate the signing secret")

    def get(self, request):
        return self.render_to_response(self.get_context_data(endpoint=self.endpoint, log_url=self.url("log")))

    def post(self, request):
        secret = self.endpoint.set_new_secret()
        self.endpoint.save(update_fields=["secret"])
        return secret_response(request, self.get_context_data(), self.endpoint, secret, self.url("log"))

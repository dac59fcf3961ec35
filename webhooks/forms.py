from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from api.links import TYPE_OF_MODEL

from .addresses import RefusedAddress, check
from .models import WebhookEndpoint


def type_choices():
    return [(name, model._meta.verbose_name_plural) for model, name in TYPE_OF_MODEL.items()]


class EndpointForm(WagtailAdminModelForm):
    url = forms.URLField(
        label=WebhookEndpoint._meta.get_field("url").verbose_name,
        help_text=WebhookEndpoint._meta.get_field("url").help_text,
        max_length=500,
        assume_scheme="https",
    )
    locales = forms.MultipleChoiceField(
        label=WebhookEndpoint._meta.get_field("locales").verbose_name,
        help_text=WebhookEndpoint._meta.get_field("locales").help_text,
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    types = forms.MultipleChoiceField(
        label=WebhookEndpoint._meta.get_field("types").verbose_name,
        help_text=WebhookEndpoint._meta.get_field("types").help_text,
        choices=type_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["name", "url", "locales", "types", "is_active"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            check(url)
        except RefusedAddress as refused:
            raise ValidationError(str(refused), code="refused") from refused
        return url

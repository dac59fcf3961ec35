from django import template
from django.urls import reverse
from wagtail.models import Page

from previews.links import offered
from previews.rights import may_preview

register = template.Library()


@register.simple_tag(takes_context=True)
def partner_preview_url(context):
    """The admin address of "Open on the partner site" for the page being translated, or ""."""
    page = context.get("instance")
    if not isinstance(page, Page) or page.latest_revision_id is None:
        return ""
    if not offered(page.locale.language_code) or not may_preview(context["request"].user, page):
        return ""
    return reverse("previews_open_on_partner_site", args=(page.pk,))

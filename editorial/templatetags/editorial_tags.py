from django import template

from editorial import review_only
from editorial.review_panel import review_panel

register = template.Library()


@register.simple_tag(takes_context=True)
def translator_editor_props(context):
    return review_only.translator_editor_props(context["props"], context["request"].user, context["instance"])


@register.simple_tag(takes_context=True)
def may_skip_review(context):
    return review_only.may_skip_review(context["request"].user, context["instance"])


@register.inclusion_tag("editorial/review_panel.html", takes_context=True)
def translation_review_panel(context):
    """Above a page's translation editor: where it stands and the way to submit it for review."""
    request = context["request"]
    return {
        "panel": review_panel(request.user, context["instance"]),
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }

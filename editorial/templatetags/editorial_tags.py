from django import template

from editorial import review_only

register = template.Library()


@register.simple_tag(takes_context=True)
def translator_editor_props(context):
    return review_only.translator_editor_props(context["props"], context["request"].user, context["instance"])


@register.simple_tag(takes_context=True)
def may_skip_review(context):
    return review_only.may_skip_review(context["request"].user, context["instance"])

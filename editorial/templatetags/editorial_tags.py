import json

from django import template

from cms import i18n
from editorial import review_only, source_actions
from editorial.glossary_hints import glossary_panel, segment_labels
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


@register.inclusion_tag("editorial/glossary_panel.html", takes_context=True)
def translation_glossary_panel(context):
    """Above the translation editor: the glossary's terms on this page and the segments that do not
    seem to use them, each named by its place in the editor."""
    translation = context["translation"]
    panel = glossary_panel(translation, segment_labels(json.loads(context["props"])))
    code = translation.target_locale.language_code
    return {"panel": panel, "language_code": code, "direction": i18n.locale_info(code).direction}


@register.simple_tag(takes_context=True)
def english_source_url(context):
    """The translation's English source screen, for translators: the editor's own link to the
    English item opens Wagtail's editor, which national editors may not use."""
    return source_actions.english_source_url(context["request"].user, context["instance"])

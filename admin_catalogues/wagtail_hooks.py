from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import get_language_bidi
from wagtail import hooks


@hooks.register("insert_global_admin_css")
def isolate_inserted_text_in_right_to_left_admin():
    if not get_language_bidi():
        return ""
    return format_html('<link rel="stylesheet" href="{}">', static("admin_catalogues/rtl.css"))

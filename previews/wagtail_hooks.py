"""The admin's "Open on the partner site": in a page's header menu (the page editor, the
translation editor, the explorer) and in the explorer's row menus, for those who may preview it."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from . import views
from .links import offered
from .rights import may_preview


@hooks.register("register_admin_urls")
def register_preview_url():
    return [
        path(
            "previews/<int:page_id>/partner-site/",
            views.open_on_partner_site,
            name="previews_open_on_partner_site",
        )
    ]


def partner_site_button(page, user, priority):
    if not offered(page.locale.language_code) or page.latest_revision_id is None:
        return
    if may_preview(user, page):
        yield Button(
            _("Open on the partner site"),
            reverse("previews_open_on_partner_site", args=(page.pk,)),
            icon_name="link-external",
            priority=priority,
            attrs={"target": "_blank", "rel": "noopener noreferrer"},
        )


@hooks.register("register_page_header_buttons")
def partner_site_header_button(page, user, view_name=None, next_url=None):
    yield from partner_site_button(page, user, priority=8)


@hooks.register("register_page_listing_more_buttons")
def partner_site_listing_button(page, user, next_url=None):
    yield from partner_site_button(page, user, priority=5)

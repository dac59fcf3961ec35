"""The home page, the section index pages and what every page shares."""

from typing import ClassVar
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from cms.sqlite_tuning import locale_marker
from pages import slugs
from pages.partner_links import partner_url
from pages.permissions import TranslationPermissionTester
from pages.preview import preview_of


class BasePage(Page):
    """Fields and behaviour shared by every page of the CMS."""

    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences shown in lists and previews.")
    )

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("search_locale_marker"),
        index.FilterField("locale_id"),
    ]
    # The slug is no segment to translate: a translation's follows its title (pages.slugs). A
    # subclass that overrides more fields lists this one too: [*BasePage.override_translatable_fields, ...]
    override_translatable_fields = [slugs.SLUG]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Saves of a few columns (Wagtail's revision and lock bookkeeping) leave the slug alone.
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "slug" in update_fields:
            slugs.follow_title(self)
        return super().save(*args, **kwargs)

    @property
    def search_locale_marker(self):
        return locale_marker(self.locale.language_code)

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().select_related("locale")  # for the marker

    def permissions_for_user(self, user):
        return TranslationPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["preview"] = preview_of(self)  # every field, and a translation's source beside it
        return context

    def get_template(self, request, *args, **kwargs):
        # Headless: partner sites render pages from the API; one template serves admin previews.
        return "pages/page.html"


class PartnerPage(BasePage):
    """A page partner sites show (an event, an assessment, a gallery): its address is theirs.

    The CMS serves no page (cms/urls.py), so Wagtail finds no address of its own for any page and
    hides "View live". Pages of this kind get the partner site's address instead, through
    `get_url_parts`, which `url`, `full_url`, the admin's "View live" and workflow e-mails all read.
    The home and section pages have no page on a partner site: they keep no address.
    """

    partner_collection: ClassVar[str]  # the API's name of the collection: events, assessments ...

    class Meta:
        abstract = True

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request=request)
        if parts is None:  # under no site: not published anywhere
            return None
        address = urlsplit(partner_url(self.locale.language_code, self.partner_collection, self.slug))
        path = address._replace(scheme="", netloc="").geturl()
        return (parts[0], f"{address.scheme}://{address.netloc}", path)

    def get_url(self, request=None, current_site=None):
        # The partner site is never the site the CMS answers on: a path alone would lead to the CMS.
        return self.get_full_url(request=request)

    url = property(get_url)

    def _get_dummy_header_url(self, original_request=None):
        # A preview is a request to the CMS, made inside the admin: it must not carry the partner
        # address (by default the API's, whose rate limit and cache would take it for an API call).
        return original_request.build_absolute_uri("/") if original_request else None


def lead_image_field():
    """An event's or assessment's lead image.

    It follows the English page unless a language replaces it (an override, like a gallery's
    photos); its alternative text and caption are translated with the page. Its focal point is
    the image's own, set in the image's edit view: crops keep it in view, and the API gives it
    as `focal_point` for partner sites' own crops.
    """
    return models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the top of the item and in lists. Set its focal point on the image."),
    )


def lead_image_alt_text_field():
    return models.CharField(
        _("alternative text of the lead image"),
        max_length=500,
        blank=True,
        help_text=_("Describes the image for people who cannot see it."),
    )


def lead_image_caption_field():
    return models.CharField(_("caption of the lead image"), max_length=500, blank=True)


def lead_image_panel():
    return MultiFieldPanel(
        [FieldPanel("lead_image"), FieldPanel("lead_image_alt_text"), FieldPanel("lead_image_caption")],
        heading=_("Lead image"),
    )


class TranslatableOrderable(TranslatableMixin, Orderable):
    """An inline item of a page that is translated along with it (e.g. an event's expert).

    Each names itself in Meta: wagtail-localize labels the item's segments with that name.
    """

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "pk"]  # items saved without a sort order keep the order they were added in


class HomePage(BasePage):
    """The root of one language's tree: one per locale."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["pages.EventIndexPage", "pages.AssessmentIndexPage", "pages.GalleryIndexPage"]

    class Meta:
        verbose_name = _("home page")

    def clean(self):
        super().clean()
        others = HomePage.objects.filter(locale_id=self.locale_id).exclude(pk=self.pk)
        if self.locale_id and others.exists():
            raise ValidationError(_("This language already has a home page."))


class IndexPage(BasePage):
    parent_page_types = ["pages.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True


class EventIndexPage(IndexPage):
    """Lists the events: workshops, trainings, seminars and study visits."""

    subpage_types = ["pages.EventPage"]

    class Meta:
        verbose_name = _("event index page")


class AssessmentIndexPage(IndexPage):
    """Lists the assessments, such as national referral mechanism reports."""

    subpage_types = ["pages.AssessmentPage"]

    class Meta:
        verbose_name = _("assessment index page")


class GalleryIndexPage(IndexPage):
    """Lists the photo galleries of events."""

    subpage_types = ["pages.GalleryPage"]

    class Meta:
        verbose_name = _("gallery index page")

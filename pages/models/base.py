"""The home page, the section index pages and what every page shares."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from cms.sqlite_tuning import locale_marker


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

    class Meta:
        abstract = True

    @property
    def search_locale_marker(self):
        return locale_marker(self.locale.language_code)

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().select_related("locale")  # for the marker

    def get_template(self, request, *args, **kwargs):
        # Headless: partner sites render pages from the API; one template serves admin previews.
        return "pages/page.html"


class TranslatableOrderable(TranslatableMixin, Orderable):
    """An inline item of a page that is translated along with it (e.g. an event's expert)."""

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

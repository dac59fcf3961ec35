"""Photo galleries of the partnership's events."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from .base import PartnerPage, TranslatableOrderable


class GalleryPage(PartnerPage):
    """Ordered photos of one event, each with a caption and alternative text."""

    partner_collection = "galleries"

    parent_page_types = ["pages.GalleryIndexPage"]
    subpage_types: list[str] = []

    event = models.ForeignKey(
        "pages.EventPage",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="galleries",
        help_text=_("The event these photos show."),
    )
    date = models.DateField(_("date"), null=True, blank=True, help_text=_("When the photos were taken."))
    credit = models.CharField(
        _("photographer or credit"), max_length=255, blank=True, help_text=_("For example: Photos: ICMPD.")
    )
    cover_photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Defaults to the first photo."),
    )
    cover_alt_text = models.CharField(
        _("alternative text of the cover"),
        max_length=500,
        blank=True,
        help_text=_("Describes the cover for people who cannot see it; defaults to that photo's own."),
    )

    content_panels = [
        *PartnerPage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("event"),
                FieldPanel("date"),
                FieldPanel("credit"),
                FieldPanel("cover_photo"),
                FieldPanel("cover_alt_text"),
            ],
            heading=_("About the photos"),
        ),
        InlinePanel("photos", heading=_("Photos"), label=_("Photo"), min_num=1),
    ]
    search_fields = [*PartnerPage.search_fields, index.SearchField("credit"), index.FilterField("date")]
    override_translatable_fields = [
        *PartnerPage.override_translatable_fields,
        SynchronizedField("cover_photo", overridable=True),
    ]

    class Meta:
        verbose_name = _("gallery")
        verbose_name_plural = _("galleries")

    @property
    def cover(self):
        if self.cover_photo_id:
            return self.cover_photo
        first = self.photos.first()
        return first.image if first else None


class GalleryPhoto(TranslatableOrderable):
    page = ParentalKey(GalleryPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.PROTECT, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=500,
        help_text=_("Describes the photo for people who cannot see it."),
    )

    panels = [FieldPanel("image"), FieldPanel("caption"), FieldPanel("alt_text")]
    override_translatable_fields = [SynchronizedField("image", overridable=True)]

    class Meta(TranslatableOrderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

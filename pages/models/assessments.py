"""Assessments: national referral mechanism reports with their PDF and recommendations."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms import i18n
from pages.blocks import BodyBlock, text_list_field

from .base import (
    PartnerPage,
    TranslatableOrderable,
    lead_image_alt_text_field,
    lead_image_caption_field,
    lead_image_field,
    lead_image_panel,
)
from .snippets import Country, Topic


class AssessmentPage(PartnerPage):
    """A report on a country's anti-trafficking system, downloadable as PDF."""

    partner_collection = "assessments"

    class Kind(models.TextChoices):
        NRM_ASSESSMENT = "nrm_assessment", _("National referral mechanism assessment")
        NRM_OVERVIEW = "nrm_overview", _("National referral mechanism overview")
        NEEDS_ASSESSMENT = "needs_assessment", _("Needs assessment")
        EVALUATION = "evaluation", _("Evaluation")

    parent_page_types = ["pages.AssessmentIndexPage"]
    subpage_types: list[str] = []

    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The country whose system the report assesses."),
    )
    publication_date = models.DateField(
        _("publication date"), null=True, blank=True, help_text=_("Leave empty if not known.")
    )
    report = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("report (PDF)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Each language may replace it with the report in its own language."),
    )
    lead_image = lead_image_field()
    lead_image_alt_text = lead_image_alt_text_field()
    lead_image_caption = lead_image_caption_field()
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    recommendations = text_list_field(
        _("recommendations"), _("One recommendation, or one area of recommendations, per item.")
    )

    content_panels = [
        *PartnerPage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("country")]),
                FieldPanel("publication_date"),
                FieldPanel("report"),
            ],
            heading=_("Report"),
        ),
        lead_image_panel(),
        FieldPanel("body"),
        FieldPanel("recommendations"),
        InlinePanel("topics", heading=_("Topics"), label=_("Topic")),
    ]
    search_fields = [
        *PartnerPage.search_fields,
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("publication_date"),
    ]
    override_translatable_fields = [
        *PartnerPage.override_translatable_fields,
        SynchronizedField("report", overridable=True),
        SynchronizedField("lead_image", overridable=True),
    ]

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        indexes = [
            # API lists: what they filter and sort by, for each page (see planner_statistics)
            models.Index(fields=["page_ptr", "publication_date", "kind"], name="assessment_list_keys"),
            # API filter by country: its pages from the index alone
            models.Index(fields=["country", "page_ptr"], name="assessment_country_page"),
        ]

    @property
    def publication_date_display(self):
        if self.publication_date is None:
            return ""
        return i18n.format_day(self.publication_date, self.locale.language_code)


class AssessmentTopic(TranslatableOrderable):
    page = ParentalKey(AssessmentPage, on_delete=models.CASCADE, related_name="topics")
    topic = models.ForeignKey(Topic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="+")

    panels = [FieldPanel("topic")]

    class Meta(TranslatableOrderable.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        indexes = [models.Index(fields=["topic", "page"], name="assessment_topic_page")]  # API filter

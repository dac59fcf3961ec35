"""Events: workshops, trainings, seminars, study visits, conferences and meetings."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms import i18n
from pages.blocks import BodyBlock, ParticipantGroupBlock, ProgrammeDayBlock, text_list_field

from .base import (
    PartnerPage,
    TranslatableOrderable,
    lead_image_alt_text_field,
    lead_image_caption_field,
    lead_image_field,
    lead_image_panel,
)
from .snippets import Country, Organisation, Person, Topic


class EventPage(PartnerPage):
    """An event of the partnership with its dates, place, people, figures and results."""

    partner_collection = "events"

    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        TRAINING = "training", _("Training")
        SEMINAR = "seminar", _("Seminar")
        STUDY_VISIT = "study_visit", _("Study visit")
        CONFERENCE = "conference", _("Conference")
        MEETING = "meeting", _("Meeting")

    class Scope(models.TextChoices):
        NATIONAL = "national", _("National")
        TRANSNATIONAL = "transnational", _("Transnational")

    parent_page_types = ["pages.EventIndexPage"]
    subpage_types: list[str] = []

    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    scope = models.CharField(_("scope"), max_length=20, choices=Scope, default=Scope.NATIONAL)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), blank=True, help_text=_("Leave empty for a single-day event."))
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=255, blank=True)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Where the event took place."),
    )
    assessment = models.ForeignKey(
        "pages.AssessmentPage",
        verbose_name=_("related assessment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="related_events",
        help_text=_("The assessment this event discussed or validated, if any."),
    )
    target_audience = text_list_field(_("target audience"), _("One group of people per item."))
    objectives = text_list_field(_("objectives"))
    lead_image = lead_image_field()
    lead_image_alt_text = lead_image_alt_text_field()
    lead_image_caption = lead_image_caption_field()
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    programme = StreamField(
        [("day", ProgrammeDayBlock())],
        blank=True,
        verbose_name=_("programme"),
        help_text=_("What each day of the event focused on."),
    )
    learning_points = text_list_field(_("key learning points"))
    outcomes = text_list_field(_("outcomes"), _("Results, agreements and proposed next steps."))
    feedback = text_list_field(_("feedback"), _("What participants said about the event."))
    participants_total = models.PositiveIntegerField(_("participants in total"), null=True, blank=True)
    participants_women = models.PositiveIntegerField(_("women"), null=True, blank=True)
    participants_men = models.PositiveIntegerField(_("men"), null=True, blank=True)
    participant_groups = StreamField(
        [("group", ParticipantGroupBlock())],
        blank=True,
        verbose_name=_("participant groups"),
        help_text=_("Who the participants were, e.g. 19 representatives of the DGMM."),
    )

    content_panels = [
        *PartnerPage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("scope")]),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldRowPanel([FieldPanel("venue"), FieldPanel("city"), FieldPanel("country")]),
            ],
            heading=_("When and where"),
        ),
        lead_image_panel(),
        InlinePanel("organisations", heading=_("Organisations"), label=_("Organisation")),
        InlinePanel("participating_countries", heading=_("Participating countries"), label=_("Country")),
        FieldPanel("target_audience"),
        FieldPanel("objectives"),
        FieldPanel("body"),
        FieldPanel("programme"),
        InlinePanel("experts", heading=_("Trainers and experts"), label=_("Person")),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("participants_total"),
                        FieldPanel("participants_women"),
                        FieldPanel("participants_men"),
                    ]
                ),
                FieldPanel("participant_groups"),
            ],
            heading=_("Participants"),
        ),
        FieldPanel("learning_points"),
        FieldPanel("outcomes"),
        FieldPanel("feedback"),
        InlinePanel("topics", heading=_("Topics"), label=_("Topic")),
        FieldPanel("assessment"),
    ]
    # Wagtail's own API v2 (mounted only by the benchmark, as the reference the partner API is
    # measured against) shows these with `fields=*`.
    api_fields = [
        APIField(name)
        for name in (
            "summary",
            "kind",
            "scope",
            "start_date",
            "end_date",
            "venue",
            "city",
            "country",
            "lead_image",
            "lead_image_alt_text",
            "lead_image_caption",
            "organisations",
            "participating_countries",
            "target_audience",
            "objectives",
            "body",
            "programme",
            "experts",
            "participants_total",
            "participants_women",
            "participants_men",
            "participant_groups",
            "learning_points",
            "outcomes",
            "feedback",
            "topics",
            "assessment",
        )
    ]
    override_translatable_fields = [
        *PartnerPage.override_translatable_fields,
        SynchronizedField("lead_image", overridable=True),
    ]
    search_fields = [
        *PartnerPage.search_fields,
        index.SearchField("body"),
        index.SearchField("city"),
        index.FilterField("kind"),
        index.FilterField("start_date"),
        index.FilterField("end_date"),
    ]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["start_date", "end_date"]),
            # API lists: what they filter and sort by, for each page (see planner_statistics)
            models.Index(fields=["page_ptr", "start_date", "end_date", "kind"], name="event_list_keys"),
            # API filter by country: its pages from the index alone, not from the rows, whose
            # StreamFields make them the largest of the site
            models.Index(fields=["country", "page_ptr"], name="event_country_page"),
        ]

    @property
    def participants_not_recorded(self):
        """Participants whose gender the report does not give (23 of whom 19 men and 3 women: 1)."""
        if self.participants_total is None:
            return None
        return self.participants_total - (self.participants_women or 0) - (self.participants_men or 0)

    @property
    def dates_display(self):
        return i18n.format_date_range(self.start_date, self.end_date, self.locale.language_code)

    def clean(self):
        super().clean()
        if self.start_date and not self.end_date:
            self.end_date = self.start_date
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The event cannot end before it starts.")
        errors.update(self._participant_figure_errors())
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.start_date and not self.end_date:
            self.end_date = self.start_date
        super().save(*args, **kwargs)

    def _participant_figure_errors(self):
        total, women, men = self.participants_total, self.participants_women, self.participants_men
        in_groups = sum(group.value["count"] or 0 for group in self.participant_groups)
        if total is None:
            if women is not None or men is not None or in_groups:
                return {"participants_total": _("Give the total before breaking it down.")}
            return {}
        errors = {}
        if (women or 0) + (men or 0) > total:
            errors["participants_total"] = _(
                "Women and men together (%(counted)s) are more than the %(total)s participants."
            ) % {"counted": (women or 0) + (men or 0), "total": total}
        if in_groups > total:
            errors["participant_groups"] = _(
                "The groups add up to %(counted)s, more than the %(total)s participants."
            ) % {"counted": in_groups, "total": total}
        return errors


class EventOrganisation(TranslatableOrderable):
    """An organisation's part in an event: organiser, co-organiser or host."""

    class Role(models.TextChoices):
        ORGANISER = "organiser", _("Organiser")
        COOPERATION = "cooperation", _("In cooperation with")
        HOST = "host", _("Host")

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="organisations")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.ORGANISER)

    panels = [FieldPanel("organisation"), FieldPanel("role")]
    api_fields = [APIField(name) for name in ["organisation", "role"]]

    class Meta(TranslatableOrderable.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")


class EventParticipatingCountry(TranslatableOrderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="participating_countries")
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )

    panels = [FieldPanel("country")]
    api_fields = [APIField(name) for name in ["country"]]

    class Meta(TranslatableOrderable.Meta):
        verbose_name = _("participating country")
        verbose_name_plural = _("participating countries")
        # API filter: a locale's events that a country took part in, from the index alone (a row
        # has its page's locale)
        indexes = [models.Index(fields=["country", "locale", "page"], name="event_country_locale_page")]


class EventExpert(TranslatableOrderable):
    """A person with the part they played at this event."""

    class Role(models.TextChoices):
        TRAINER = "trainer", _("Trainer")
        EXPERT = "expert", _("Expert")
        NATIONAL_EXPERT = "national_expert", _("National expert")
        SPEAKER = "speaker", _("Speaker")
        DELEGATION_MEMBER = "delegation_member", _("Delegation member")
        INTERPRETER = "interpreter", _("Interpreter")

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="experts")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role at this event"), max_length=20, choices=Role)

    panels = [FieldPanel("person"), FieldPanel("role")]
    api_fields = [APIField(name) for name in ["person", "role"]]

    class Meta(TranslatableOrderable.Meta):
        verbose_name = _("expert")
        verbose_name_plural = _("experts")


class EventTopic(TranslatableOrderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="topics")
    topic = models.ForeignKey(Topic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="+")

    panels = [FieldPanel("topic")]
    api_fields = [APIField(name) for name in ["topic"]]

    class Meta(TranslatableOrderable.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        indexes = [models.Index(fields=["topic", "page"], name="event_topic_page")]  # API filter

"""Translatable snippets: the countries, organisations, people and topics that pages refer to.

Each is searched in the admin's choosers through the search index, as the editor types
(AutocompleteField) and within one locale (FilterField("locale"): the chooser's language filter).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms import i18n


class Country(TranslatableMixin, index.Indexed, models.Model):
    """A country by its ISO 3166 code; its name in every language comes from CLDR."""

    class Role(models.TextChoices):
        PARTICIPATING = "participating", _("Participating country")
        PARTNER = "partner", _("Partner country")

    iso_code = models.CharField(
        _("ISO 3166 code"),
        max_length=2,
        help_text=_("Two letters, for example AL for Albania."),
    )
    role = models.CharField(
        _("role in the partnership"), max_length=20, choices=Role, default=Role.PARTICIPATING
    )

    panels = [FieldPanel("iso_code"), FieldPanel("role")]
    search_fields = [
        index.SearchField("names"),
        index.AutocompleteField("names"),
        index.FilterField("role"),
        index.FilterField("locale"),
    ]
    translatable_fields = [SynchronizedField("iso_code", overridable=False), SynchronizedField("role")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["iso_code"]
        constraints = [
            models.UniqueConstraint(fields=["iso_code", "locale"], name="unique_country_per_locale")
        ]

    def __str__(self):
        return self.name_in(get_language() or i18n.SOURCE_LANGUAGE)

    def name_in(self, language_code):
        return i18n.country_name(self.iso_code, language_code)

    def names(self):
        """Its code and its name in each of the site's languages, for the admin's search: the name
        is not stored, and an editor looks for "Alban…" or "Arnavut…", not for AL."""
        return " ".join(dict.fromkeys([self.iso_code, *map(self.name_in, i18n.LANGUAGE_CODES)]))

    def clean(self):
        super().clean()
        self.iso_code = (self.iso_code or "").upper()
        if not i18n.is_known_country(self.iso_code):
            raise ValidationError(
                {"iso_code": _("%(code)s is not an ISO 3166 country code.") % {"code": self.iso_code}}
            )


class Organisation(TranslatableMixin, index.Indexed, models.Model):
    """An institution that organises, hosts or takes part in the partnership's work."""

    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty for international organisations."),
    )
    website = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("acronym"), FieldPanel("country"), FieldPanel("website")]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("acronym"),
        index.AutocompleteField("name"),
        index.AutocompleteField("acronym"),
        index.FilterField("locale"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("acronym"),
        TranslatableField("country"),
        SynchronizedField("website"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class Person(TranslatableMixin, index.Indexed, models.Model):
    """An expert, trainer, official or delegation member named in the news."""

    class Honorific(models.TextChoices):
        MR = "mr", _("Mr")
        MS = "ms", _("Ms")
        DR = "dr", _("Dr")

    honorific = models.CharField(_("honorific"), max_length=5, choices=Honorific, blank=True)
    name = models.CharField(
        _("name"), max_length=255, help_text=_("As the news gives it, e.g. only a family name.")
    )
    role = models.CharField(
        _("role"),
        max_length=255,
        blank=True,
        help_text=_("Position or function, for example: Prosecutor, Court of Cassation."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("honorific"), FieldPanel("name"), FieldPanel("role"), FieldPanel("organisation")]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("role"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]
    translatable_fields = [
        SynchronizedField("honorific"),
        TranslatableField("name"),
        TranslatableField("role"),
        TranslatableField("organisation"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return f"{self.get_honorific_display()} {self.name}".strip()


class Topic(TranslatableMixin, index.Indexed, models.Model):
    """A theme of the partnership's work, such as victim identification."""

    name = models.CharField(_("name"), max_length=255)
    code = models.SlugField(
        _("code"),
        max_length=80,
        help_text=_("The same in every language, used by partner websites to filter."),
    )
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("description")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("code"),
        index.FilterField("locale"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("code", overridable=False),
        TranslatableField("description"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["code", "locale"], name="unique_topic_per_locale")]

    def __str__(self):
        return self.name

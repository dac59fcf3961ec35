"""The partnership's terms and the translation national reviewers approved for each language."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from cms import i18n
from glossary.matching import Entry


def tidy(text: str) -> str:
    """One space between words, none around: how a term is stored and compared."""
    return " ".join(text.split())


class GlossaryTerm(models.Model):
    """An English term of the partnership and its approved translation into one language."""

    locale = models.ForeignKey(
        Locale,
        verbose_name=_("language"),
        on_delete=models.CASCADE,
        related_name="glossary_terms",
        limit_choices_to={"language_code__in": i18n.TRANSLATION_LANGUAGES},
    )
    english_term = models.CharField(
        _("English term"),
        max_length=200,
        help_text=_(
            "As it is written in the English text. Matched as whole words, in any case; a term "
            "written in capitals only (an acronym such as THB) is matched in capitals only."
        ),
    )
    translation = models.CharField(_("approved translation"), max_length=200)
    note = models.TextField(
        _("note"), blank=True, help_text=_("Optional: when to use it, what to avoid, its source.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary")
        ordering = ["locale__language_code", Lower("english_term")]
        constraints = [
            models.UniqueConstraint(
                "locale",
                Lower("english_term"),
                name="unique_glossary_term_per_locale",
                violation_error_message=_("This language's glossary already has this term."),
            )
        ]

    def __str__(self):
        return f"{self.english_term} → {self.translation}"

    def clean(self):
        self.english_term = tidy(self.english_term or "")
        self.translation = tidy(self.translation or "")
        self.note = (self.note or "").strip()
        errors = {}
        if not self.english_term:
            errors["english_term"] = _("Write the English term.")
        if not self.translation:
            errors["translation"] = _("Write the approved translation.")
        if self.locale_id and self.english_term:
            # Compared in Python: SQLite's lower() folds ASCII letters only.
            taken = (
                GlossaryTerm.objects.filter(locale_id=self.locale_id)
                .exclude(pk=self.pk)
                .values_list("english_term", flat=True)
            )
            if self.english_term.casefold() in {term.casefold() for term in taken}:
                errors["english_term"] = _("This language's glossary already has this term.")
        if errors:
            raise ValidationError(errors)


def entries(locale_id) -> list:
    """A language's glossary as plain entries, by English term."""
    rows = GlossaryTerm.objects.filter(locale_id=locale_id).values_list("english_term", "translation", "note")
    return sorted((Entry(*row) for row in rows), key=lambda entry: entry.english_term.casefold())

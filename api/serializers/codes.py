"""The fixed sets of codes the API answers with, each an enum of the OpenAPI schema.

A generated client turns each into an enum type, so a partner's code can switch on a kind or a
role and its compiler or type checker says when a case is missing. Every field that carries one of
these codes takes its choices from here, and SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] names each
set once: drf-spectacular would otherwise name a set after its field and warn where shapes share a
field name with different sets (`code`) or a set under several names (`locale`,
`requested_locale`, `source_locale`).

The choices are the codes alone: the labels are translated, and a schema that changed with the
reader's language would give a different client for each.

Topic codes are not here: editors make topics, so their codes are an open set.
"""

from cms import i18n
from pages.models import AssessmentPage, Country, EventExpert, EventOrganisation, EventPage

LOCALES = list(i18n.LANGUAGE_CODES)
DIRECTIONS = ["ltr", "rtl"]
COUNTRY_CODES = i18n.country_codes()
EVENT_KINDS = list(EventPage.Kind.values)
EVENT_SCOPES = list(EventPage.Scope.values)
ASSESSMENT_KINDS = list(AssessmentPage.Kind.values)
COUNTRY_ROLES = list(Country.Role.values)
ORGANISATION_ROLES = list(EventOrganisation.Role.values)
EXPERT_ROLES = list(EventExpert.Role.values)

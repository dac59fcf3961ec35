"""Query parameters of the list endpoints, parsed strictly: anything unknown or malformed is a 400."""

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from cms import i18n

from .errors import BadParameter

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 10_000
MAX_QUERY_LENGTH = 200
MAX_SINCE_DIGITS = 18
COMMON = {"page", "page_size", "q", "ordering", "fallback", "country", "topic", "format"}
# C0 and C1 control characters but tab, line feed and carriage return; PostgreSQL cannot even
# compare a string holding NUL, and the search backends choke on them
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass
class ListParams:
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    q: str = ""
    ordering: str = ""
    fallback: bool = False
    countries: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    kind: str = ""
    date_from: date | None = None
    date_to: date | None = None

    @property
    def filtered(self) -> bool:
        """Whether anything but the locale selects the items (search words, a country, a topic,
        a kind or dates)."""
        return bool(self.q or self.countries or self.topics or self.kind or self.date_from or self.date_to)

    @property
    def empty_range(self) -> bool:
        """date_to before date_from: a range nothing falls in (no error: the schema cannot say it)."""
        return bool(self.date_from and self.date_to and self.date_to < self.date_from)


def _one(query, name):
    values = query.getlist(name)
    if len(values) > 1:
        raise BadParameter(name, _("Give %(name)s only once.") % {"name": name})
    return values[0] if values else None


def _positive_int(query, name, default, maximum):
    raw = _one(query, name)
    if raw is None:
        return default
    if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
        raise BadParameter(name, _("%(name)s must be a whole number of 1 or more.") % {"name": name})
    value = int(raw)
    if value > maximum:
        raise BadParameter(
            name, _("%(name)s can be at most %(maximum)s.") % {"name": name, "maximum": maximum}
        )
    return value


def _date(query, name):
    raw = _one(query, name)
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise BadParameter(name, _("%(name)s must be a date like 2016-12-14.") % {"name": name}) from None


def reject_control_characters(query, path_arguments):
    """No parameter name or value, in the query string or the path, holds a control character."""
    pairs = [(name, value) for name, values in query.lists() for value in values]
    for name, value in [*pairs, *path_arguments.items()]:
        if CONTROL_CHARACTERS.search(name) or CONTROL_CHARACTERS.search(str(value)):
            shown = CONTROL_CHARACTERS.sub("\N{REPLACEMENT CHARACTER}", name)
            raise BadParameter(name, _("%(name)s must not contain control characters.") % {"name": shown})


def is_harmless(name: str) -> bool:
    """What browsers and analytics add to addresses: jQuery's cache buster `_` and `utm_*` tags."""
    return name == "_" or name.startswith("utm_")


def reject_unknown(query, allowed):
    """A parameter the endpoint does not know is an error, not silently ignored (but for the
    harmless ones browsers and analytics add, which would otherwise break partners' pages)."""
    unknown = sorted(name for name in set(query) - set(allowed) if not is_harmless(name))
    if unknown:
        raise BadParameter(
            unknown[0],
            _("Unknown parameter %(name)s. Known parameters: %(known)s.")
            % {"name": unknown[0], "known": ", ".join(sorted(set(allowed) - {"format"})) or "-"},
            code="unknown_parameter",
        )


def parse_since(query):
    since = query.get("since", "0")
    if not (since.isascii() and since.isdigit()) or len(since) > MAX_SINCE_DIGITS:
        raise BadParameter("since", _("since must be a cursor returned as next_cursor."))
    return int(since)


def parse_fallback(query):
    """True when the client asks for English items where no translation is published."""
    fallback = _one(query, "fallback")
    if fallback not in (None, "source", "none"):
        raise BadParameter("fallback", _("fallback must be source or none."))
    return fallback == "source"


def parse_list_params(query, *, orderings, kinds=(), extra=()):
    """Parse and check the query string of a list endpoint."""
    reject_unknown(query, COMMON | set(extra))
    params = ListParams(
        page=_positive_int(query, "page", 1, MAX_PAGE),
        page_size=_positive_int(query, "page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
    )
    # double quotes would break the full-text query syntax of the search backend
    params.q = (_one(query, "q") or "").replace('"', " ").strip()
    if len(params.q) > MAX_QUERY_LENGTH:
        raise BadParameter("q", _("q can be at most %(maximum)s characters.") % {"maximum": MAX_QUERY_LENGTH})
    params.ordering = _one(query, "ordering") or orderings[0]
    if params.ordering not in orderings:
        raise BadParameter(
            "ordering",
            _("Unknown ordering %(value)s. Use one of: %(known)s.")
            % {"value": params.ordering, "known": ", ".join(orderings)},
        )
    params.fallback = parse_fallback(query)
    for code in query.getlist("country"):
        if not i18n.is_known_country(code) or len(code) != 2:
            raise BadParameter("country", _("%(code)s is not an ISO 3166 country code.") % {"code": code})
        params.countries.append(code.upper())
    params.topics = [topic for topic in query.getlist("topic") if topic]
    if "kind" in extra:
        params.kind = _one(query, "kind") or ""
        if params.kind and params.kind not in kinds:
            raise BadParameter(
                "kind",
                _("Unknown kind %(value)s. Use one of: %(known)s.")
                % {"value": params.kind, "known": ", ".join(kinds)},
            )
    if "date_from" in extra:
        params.date_from = _date(query, "date_from")
        params.date_to = _date(query, "date_to")
    return params

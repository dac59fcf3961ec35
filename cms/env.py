"""A small typed reader for the settings' environment variables."""

import os
import re
import string
from typing import overload
from urllib.parse import parse_qsl, urlsplit

from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import URLValidator

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


@overload
def env_str(name: str) -> str | None: ...
@overload
def env_str(name: str, default: str) -> str: ...
def env_str(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return value


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use true or false).")


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_mapping(name: str, keys: list[str]) -> dict[str, str]:
    """`key=value` pairs, comma-separated, e.g. `tr=https://a.example/{slug}/,ur=https://b.example/{slug}/`."""
    raw = os.environ.get(name, "")
    mapping = {}
    for item in (item.strip() for item in raw.split(",")):
        if not item:
            continue
        key, separator, value = item.partition("=")
        key = key.strip()
        if not separator or key not in keys:
            raise ImproperlyConfigured(
                f"{name}: {item!r} is not key=value with a key among {', '.join(keys)}."
            )
        mapping[key] = value.strip()
    return mapping


def env_int(name: str, default: int, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={raw!r} must be at least {minimum}.")
    return value


# Production's rules for some values, checked when the settings load: a wrong value stops the
# start with a message, instead of a warning from `check --deploy`, which a deployment may skip.


def strong_secret_key(key: str) -> str:
    """Django's rule for a secret key (its deploy check security.W009)."""
    if (
        len(key) < SECRET_KEY_MIN_LENGTH
        or len(set(key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
        or key.startswith(SECRET_KEY_INSECURE_PREFIX)
    ):
        raise ImproperlyConfigured(
            f"SECRET_KEY is too weak for production: it needs at least {SECRET_KEY_MIN_LENGTH} "
            f"characters, at least {SECRET_KEY_MIN_UNIQUE_CHARACTERS} of them different, and must not "
            f"start with {SECRET_KEY_INSECURE_PREFIX!r} (Django's check security.W009). Make one with: "
            "python -c 'from django.core.management.utils import get_random_secret_key as k; print(k())'"
        )
    return key


def named_hosts(hosts: list[str]) -> list[str]:
    """ALLOWED_HOSTS without '*', which would let any Host header into links and e-mails."""
    if "*" in hosts:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS must list the site's host names, e.g. ALLOWED_HOSTS=cms.example.org: "
            "'*' would answer to any host name a client sends."
        )
    return hosts


def shared_cache(workers: int, caches: dict) -> int:
    """Several worker processes need one cache between them: the API's rate-limit counters and
    cached responses live there. A memory cache is per process, so each worker would count its
    own budget and a client would get the limit once per worker (docs/operations.md)."""
    backend = caches["default"]["BACKEND"]
    if workers > 1 and backend.endswith(("LocMemCache", "DummyCache")):
        raise ImproperlyConfigured(
            f"WEB_CONCURRENCY={workers} starts {workers} worker processes, but the cache ({backend}) "
            "is local to each of them: set REDIS_URL so that they share one (Redis), or "
            "WEB_CONCURRENCY=1."
        )
    return workers


def http_url(name: str, value: str) -> str:
    """An absolute http(s) address, e.g. https://cms.example.org."""
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise ImproperlyConfigured(
            f"{name}={value!r} is not an http(s) address such as https://cms.example.org."
        ) from None
    return value


PAGE_URL_FIELDS = ("locale", "collection", "slug")


def _template_fields(name: str, template: str) -> set[str]:
    """The {fields} an address template names; an unmatched brace stops the start."""
    try:
        return {
            field for _text, field, _spec, _conv in string.Formatter().parse(template) if field is not None
        }
    except ValueError:
        raise ImproperlyConfigured(f"{name}={template!r} has an unmatched {{ or }}.") from None


def page_url_template(name: str, template: str) -> str:
    """Empty, or an http(s) address naming only {locale}, {collection} and {slug}, e.g.
    https://partner.example/{locale}/{collection}/{slug}/: a typo would otherwise fail on every
    "View live" link instead of at start."""
    if not template:
        return template
    fields = _template_fields(name, template)
    unknown = fields - set(PAGE_URL_FIELDS)
    if unknown:
        raise ImproperlyConfigured(
            f"{name}={template!r} may name only {{locale}}, {{collection}} and {{slug}}, "
            f"not {', '.join(sorted(unknown))}."
        )
    example = template.format(locale="en", collection="events", slug="a-page")
    try:
        URLValidator(schemes=["http", "https"])(example)
    except ValidationError:
        raise ImproperlyConfigured(
            f"{name}={template!r} is not an http(s) address such as "
            "https://partner.example/{locale}/{collection}/{slug}/."
        ) from None
    return template


PREVIEW_URL_FIELDS = ("locale", "token")


def preview_url_template(name: str, template: str) -> str:
    """Empty, or an http(s) address naming {token} and at most {locale} besides, e.g.
    https://partner.example/{locale}/preview?token={token}: where the admin sends an editor to see
    a draft on the partner site. Checked at start, like the page address."""
    if not template:
        return template
    fields = _template_fields(name, template)
    unknown = fields - set(PREVIEW_URL_FIELDS)
    if unknown or "token" not in fields:
        raise ImproperlyConfigured(
            f"{name}={template!r} must name {{token}} and may name {{locale}}, nothing else"
            + (f" (not {', '.join(sorted(unknown))})." if unknown else ".")
        )
    try:
        URLValidator(schemes=["http", "https"])(template.format(locale="en", token="abc:def"))  # noqa: S106 (an example)
    except ValidationError:
        raise ImproperlyConfigured(
            f"{name}={template!r} is not an http(s) address such as "
            "https://partner.example/{locale}/preview?token={token}."
        ) from None
    return template


S3_OPTIONS = {
    # query parameter of MEDIA_STORAGE_URL: django-storages' option
    "endpoint_url": "endpoint_url",
    "region": "region_name",
    "location": "location",
    "addressing_style": "addressing_style",
}
S3_ADDRESSING_STYLES = ("auto", "path", "virtual")
S3_BUCKET_NAME = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")


def media_storage(name: str, value: str) -> dict[str, str]:
    """Empty (media on local disk), or an S3-compatible bucket as
    `s3://bucket?endpoint_url=https://s3.example.org&region=eu-central-1`: the options of
    django-storages' S3 storage. A typo would otherwise fail on the first upload, not at start."""
    if not value:
        return {}
    example = "s3://bucket?endpoint_url=https://s3.example.org&region=eu-central-1"
    parts = urlsplit(value)
    if parts.scheme != "s3" or not parts.netloc or parts.path not in ("", "/") or parts.fragment:
        raise ImproperlyConfigured(f"{name}={value!r} is not a bucket address such as {example}.")
    if not S3_BUCKET_NAME.fullmatch(parts.netloc):
        raise ImproperlyConfigured(
            f"{name}={value!r}: {parts.netloc!r} is not a bucket name (3 to 63 lower-case letters, "
            "digits, dots and hyphens)."
        )
    options = {"bucket_name": parts.netloc}
    try:
        query = parse_qsl(parts.query, keep_blank_values=True, strict_parsing=bool(parts.query))
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r}: its query is not key=value&... .") from None
    for key, option in query:
        if key not in S3_OPTIONS:
            raise ImproperlyConfigured(
                f"{name}={value!r}: unknown parameter {key!r}; it may name {', '.join(S3_OPTIONS)}."
            )
        if option_value := option.strip():
            options[S3_OPTIONS[key]] = option_value
        else:
            raise ImproperlyConfigured(f"{name}={value!r}: {key} is empty.")
    endpoint = urlsplit(options.get("endpoint_url", "https://s3.amazonaws.com"))
    if endpoint.scheme not in ("http", "https") or not endpoint.hostname or endpoint.path not in ("", "/"):
        raise ImproperlyConfigured(
            f"{name}={value!r}: endpoint_url must be the server's http(s) address, "
            "e.g. https://s3.example.org or http://127.0.0.1:9000."
        )
    if options.get("addressing_style", "auto") not in S3_ADDRESSING_STYLES:
        raise ImproperlyConfigured(
            f"{name}={value!r}: addressing_style must be one of {', '.join(S3_ADDRESSING_STYLES)}."
        )
    return options


def one_of(name: str, value: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} must be one of {', '.join(choices)}.")
    return value

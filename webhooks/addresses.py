"""Which addresses a webhook may be sent to: no request from the CMS into its own network (SSRF).

A host name is resolved and every address it resolves to must be public (not private, loopback,
link-local, multicast, reserved or unspecified), on saving the endpoint and again before each
attempt, since DNS answers change; the request then goes to the address that was checked.
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES lifts the rule for development and tests.
"""

import ipaddress
import socket
from urllib.parse import SplitResult, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

SCHEMES = {"http": 80, "https": 443}


class RefusedAddress(ValueError):
    """An endpoint address the CMS will not post to; the message says why, for the moderator."""


def parse(url: str) -> SplitResult:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise RefusedAddress(_("This is not a valid address.")) from error
    if parts.scheme not in SCHEMES or not parts.hostname:
        raise RefusedAddress(_("Only http:// and https:// addresses with a host name are accepted."))
    if parts.username is not None or parts.password is not None:
        raise RefusedAddress(_("The address may not contain a user name or password."))
    if port == 0:
        raise RefusedAddress(_("This is not a valid address."))
    return parts


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 zone index is not part of it
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast and not ip.is_reserved


def resolve(parts: SplitResult) -> list[str]:
    """The addresses to connect to, in order; raises RefusedAddress when none may be used."""
    port = parts.port or SCHEMES[parts.scheme]
    try:
        found = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise RefusedAddress(
            _("The host name %(host)s cannot be resolved.") % {"host": parts.hostname}
        ) from error
    addresses = list(dict.fromkeys(info[4][0] for info in found))
    if not settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES and not all(map(is_public, addresses)):
        raise RefusedAddress(
            _(
                "%(host)s leads to a private, local or reserved network address; only public "
                "addresses are accepted."
            )
            % {"host": parts.hostname}
        )
    return addresses


def check(url: str) -> None:
    """What the endpoint form asks: refused addresses raise RefusedAddress."""
    parts = parse(url)
    if not settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES:
        resolve(parts)  # in development a partner's host may not resolve yet, nor matter

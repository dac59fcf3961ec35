"""One POST to a partner: to the address that was checked, short timeouts, no redirects followed,
only the start of the answer read."""

import http.client
import socket
import ssl
from dataclasses import dataclass

from .addresses import RefusedAddress, parse, resolve

TIMEOUT_SECONDS = 5
KEPT_BODY_CHARS = 200


@dataclass
class Outcome:
    status: int | None = None  # the HTTP status, None when no answer came
    body: str = ""  # the first characters of the answer
    error: str = ""  # why no answer came

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


class PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to one of `addresses` (already checked), whatever the host name resolves to now."""

    def __init__(self, host, addresses, **kwargs):
        super().__init__(host, **kwargs)
        self.addresses = addresses

    def open_socket(self):
        error = None
        for address in self.addresses:
            try:
                return socket.create_connection((address, self.port), self.timeout)
            except OSError as failed:
                error = failed
        raise error or OSError("no address")

    def connect(self):
        self.sock = self.open_socket()


class PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, addresses, **kwargs):
        super().__init__(host, context=ssl.create_default_context(), **kwargs)
        self.addresses = addresses

    open_socket = PinnedHTTPConnection.open_socket

    def connect(self):
        # the certificate is checked against the host name, not the address connected to
        self.sock = self._context.wrap_socket(self.open_socket(), server_hostname=self.host)


def post(url: str, body: bytes, headers: dict[str, str]) -> Outcome:
    try:
        parts = parse(url)
        addresses = resolve(parts)
    except RefusedAddress as refused:
        return Outcome(error=str(refused)[:KEPT_BODY_CHARS])
    connection_class = PinnedHTTPSConnection if parts.scheme == "https" else PinnedHTTPConnection
    connection = connection_class(parts.hostname, addresses, port=parts.port, timeout=TIMEOUT_SECONDS)
    target = parts.path or "/"
    if parts.query:
        target += f"?{parts.query}"
    try:
        connection.request("POST", target, body=body, headers=headers)
        response = connection.getresponse()
        start = response.read(KEPT_BODY_CHARS * 4)  # at most 4 bytes a character in UTF-8
        return Outcome(response.status, start.decode("utf-8", "replace")[:KEPT_BODY_CHARS])
    except (OSError, http.client.HTTPException) as error:
        return Outcome(error=(f"{type(error).__name__}: {error}")[:KEPT_BODY_CHARS])
    finally:
        connection.close()

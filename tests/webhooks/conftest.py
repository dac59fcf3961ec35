"""A partner's webhook receiver on loopback, started by the test that needs it."""

import json
import re
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from webhooks.models import WebhookEndpoint

DOCS = Path(__file__).resolve().parents[2] / "docs" / "api.md"


class Receiver:
    """Records every POST (headers, body) and answers `status` with `answer`."""

    def __init__(self, port=0):
        self.received = []
        self.status = 200
        self.answer = b"ok"
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers), body))
                self.send_response(receiver.status)
                if 300 <= receiver.status < 400:
                    self.send_header("Location", "http://127.0.0.1:9/elsewhere")
                self.send_header("Content-Length", str(len(receiver.answer)))
                self.end_headers()
                self.wfile.write(receiver.answer)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_port}/hooks/thb?site=1"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def entries(self):
        return [json.loads(body) for _headers, body in self.received]

    def ids(self):
        return [headers["Webhook-Id"] for headers, _body in self.received]


@pytest.fixture
def receiver():
    running = Receiver()
    yield running
    running.stop()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def endpoint_at(db):
    def make(url, **fields):
        endpoint = WebhookEndpoint(name=fields.pop("name", "Partner site"), url=url, **fields)
        endpoint.set_new_secret()
        endpoint.save()
        return endpoint

    return make


@pytest.fixture(scope="session")
def documented_verify():
    """The verification snippet of docs/api.md's Webhooks section, as partners copy it."""
    section = DOCS.read_text().split("## Webhooks", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)
    namespace = {}
    exec(code, namespace)  # noqa: S102 (our own documentation)
    return namespace["verify"]

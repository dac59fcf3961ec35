"""Moderators register endpoints, see the secret once, read the delivery log and redeliver;
national editors cannot reach any of it; bad addresses are form errors."""

import io
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.servers import MANAGE, ROOT
from tests.test_production import production_env
from webhooks.models import Delivery, WebhookEndpoint

pytestmark = pytest.mark.django_db


def logged_in(username):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def register(client, url, **fields):
    return client.post(
        reverse("webhooks:add"),
        {"name": "Moldova partner site", "url": url, "is_active": "on", **fields},
    )


@pytest.mark.slow
def test_a_moderator_registers_sees_the_secret_once_and_redelivers(
    receiver, adana, django_capture_on_commit_callbacks
):
    receiver.answer = b"accepted by the Moldovan site"
    moderator = logged_in("moderator")
    response = register(moderator, receiver.url, locales=["ro"], types=["event", "gallery"])
    assert response.status_code == 200
    endpoint = WebhookEndpoint.objects.get(name="Moldova partner site")
    assert endpoint.locales == ["ro"] and endpoint.types == ["event", "gallery"]
    assert endpoint.secret.startswith("whsec_") and endpoint.secret in response.content.decode()
    assert "no-store" in response["Cache-Control"]

    for page in (reverse("webhooks:index"), reverse("webhooks:edit", args=(endpoint.pk,))):
        shown = moderator.get(page)
        assert shown.status_code == 200 and endpoint.secret not in shown.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        adana.save_revision().publish()
    call_command("deliver_webhooks", stdout=io.StringIO())
    delivery = Delivery.objects.get(endpoint=endpoint)
    log = moderator.get(reverse("webhooks:log", args=(endpoint.pk,)))
    assert log.status_code == 200
    text = log.content.decode()
    assert str(delivery.webhook_id) in text and "accepted by the Moldovan site" in text
    assert delivery.response_status == 200 and delivery.attempts == 1

    redeliver = reverse("webhooks:redeliver", args=(endpoint.pk, delivery.pk))
    assert moderator.get(redeliver).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        assert moderator.post(redeliver).status_code == 302
    call_command("deliver_webhooks", stdout=io.StringIO())
    assert receiver.ids() == [str(delivery.webhook_id)] * 2

    rotated = moderator.post(reverse("webhooks:rotate", args=(endpoint.pk,)))
    endpoint.refresh_from_db()
    assert rotated.status_code == 200 and endpoint.secret in rotated.content.decode()
    assert endpoint.secret not in moderator.get(reverse("webhooks:log", args=(endpoint.pk,))).content.decode()


@pytest.mark.parametrize("username", ["sq-editor", "ur-reviewer", "en-editor"])
def test_editors_cannot_reach_the_webhook_admin(username, endpoint_at):
    endpoint = endpoint_at("https://partner.example.org/hook")
    delivery_free = [
        reverse("webhooks:index"),
        reverse("webhooks:add"),
        reverse("webhooks:edit", args=(endpoint.pk,)),
        reverse("webhooks:log", args=(endpoint.pk,)),
        reverse("webhooks:rotate", args=(endpoint.pk,)),
    ]
    editor = logged_in(username)
    for url in delivery_free:
        response = editor.get(url)
        assert response.status_code in (302, 403), url
        assert endpoint.secret not in response.content.decode()
    assert editor.post(reverse("webhooks:rotate", args=(endpoint.pk,))).status_code in (302, 403)
    assert editor.post(reverse("webhooks:reactivate", args=(endpoint.pk,))).status_code in (302, 403)
    assert register(editor, "https://partner.example.org/other").status_code in (302, 403)
    assert WebhookEndpoint.objects.count() == 1
    assert WebhookEndpoint.objects.get().secret == endpoint.secret
    assert "webhooks" not in editor.get(reverse("wagtailadmin_home")).content.decode()


BAD = [
    "not an address",
    "ftp://partner.example.org/hook",
    "javascript:alert(1)",
    "http://user:password@partner.example.org/hook",
    "http://[::1/hook",
    "http://partner.example.org:99999/hook",
    "http:///hook",
]
PRIVATE = [
    "http://127.0.0.1:8000/hook",
    "http://localhost/hook",
    "http://10.1.2.3/hook",
    "http://192.168.0.10/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://0.0.0.0/hook",
    "http://224.0.0.1/hook",
    "http://100.64.0.1/hook",
    "https://nonexistent.invalid/hook",
]


@pytest.mark.parametrize("url", BAD)
def test_a_malformed_address_is_a_form_error(url):
    response = register(logged_in("moderator"), url)
    assert response.status_code == 200
    assert response.context["form"].errors["url"]
    assert not WebhookEndpoint.objects.exists()


@pytest.mark.parametrize("url", PRIVATE)
def test_private_addresses_are_refused_in_production(settings, url):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    response = register(logged_in("moderator"), url)
    assert response.status_code == 200
    assert response.context["form"].errors["url"]
    assert not WebhookEndpoint.objects.exists()


@pytest.mark.slow
def test_production_refuses_private_addresses_by_default(tmp_path):
    shown = subprocess.run(  # noqa: S603
        [
            *MANAGE,
            "shell",
            "-c",
            "from django.conf import settings; print(settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES)",
        ],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shown.stdout.strip().splitlines()[-1] == "False", shown.stderr


def test_a_public_address_is_accepted_in_production(settings, monkeypatch):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    public = [(2, 1, 6, "", ("203.0.114.7", 443))]  # what the partner's name resolves to
    monkeypatch.setattr("socket.getaddrinfo", lambda *args, **kwargs: public)
    response = register(logged_in("moderator"), "https://partner.example.org/hook")
    assert response.status_code == 200
    assert WebhookEndpoint.objects.get().url == "https://partner.example.org/hook"

"""After a publish, every cached response that shows the page is fresh on the next request."""

import pytest

from cms import i18n
from tests.content import in_locale

pytestmark = pytest.mark.django_db


def addresses(page):
    """Every list, detail and search response of every locale that shows `page` (or its translation)."""
    for code in i18n.LANGUAGE_CODES:
        translated = in_locale(page, code)
        yield code, f"/api/v1/{code}/events/"
        yield code, f"/api/v1/{code}/events/?page_size=100&fallback=source"
        yield code, f"/api/v1/{code}/events/{translated.slug}/"
        yield code, f"/api/v1/{code}/events/?country=TR"


def test_an_english_publish_reaches_every_locale_on_the_next_request(client, adana):
    before = {path: client.get(path) for _code, path in addresses(adana)}
    assert all(response.status_code == 200 for response in before.values())
    assert all(client.get(path)["ETag"] == response["ETag"] for path, response in before.items())  # cached

    adana.title = "Awareness training for DGMM personnel in Adana, second edition"
    adana.save_revision().publish()

    for code, path in addresses(adana):
        after = client.get(path, HTTP_IF_NONE_MATCH=before[path]["ETag"])
        assert after.status_code == 200, path  # never a stale 304
        body = after.content.decode()
        if code == i18n.SOURCE_LANGUAGE:
            assert "second edition" in body, path
        else:
            # the translation is now behind its English source, and says so everywhere it is shown
            assert '"outdated"' in body, path
            assert '"outdated"' not in before[path].content.decode(), path


def test_a_translation_publish_reaches_its_locale_and_the_others(client, adana):
    turkish = in_locale(adana, "tr")
    before = {path: client.get(path).content for _code, path in addresses(adana)}

    turkish.title = "Adana'da GİGM personeline farkındalık eğitimi (yeni)"
    turkish.save_revision().publish()

    turkish_detail = client.get(f"/api/v1/tr/events/{turkish.slug}/").json()
    assert turkish_detail["title"].endswith("(yeni)")
    assert "(yeni)" in client.get("/api/v1/tr/events/").content.decode()
    # other locales show the Turkish version's address, not its title: they are served fresh anyway
    for _code, path in addresses(adana):
        assert client.get(path).status_code == 200
    assert (
        before[f"/api/v1/tr/events/{turkish.slug}/"]
        != client.get(f"/api/v1/tr/events/{turkish.slug}/").content
    )

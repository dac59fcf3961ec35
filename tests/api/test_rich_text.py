"""Rich text reaches partners as clean HTML with links in their language."""

import pytest
from wagtail.rich_text import RichText

from pages.models import EventPage
from tests.content import in_locale

pytestmark = pytest.mark.django_db


def paragraphs(body):
    return [block["html"] for block in body if block["type"] == "paragraph"]


def test_internal_links_point_to_the_same_language(client, adana, media_workshop, bosnia_assessment):
    lisbon = EventPage.objects.get(locale__language_code="en", slug="turkish-delegation-lisbon-2016")
    turkish = in_locale(media_workshop, "tr")
    # wagtail-localize keeps the English page id in the links of a translation
    turkish.body = [
        (
            "paragraph",
            RichText(
                f'<p>Bkz. <a linktype="page" id="{adana.pk}">Adana</a>, '
                f'<a linktype="page" id="{lisbon.pk}">Lizbon</a> ve '
                f'<a linktype="document" id="{bosnia_assessment.report_id}">rapor</a>.</p>'
            ),
        )
    ]
    turkish.save_revision().publish()

    [html] = paragraphs(client.get(f"/api/v1/tr/events/{turkish.slug}/").json()["body"])
    turkish_adana = in_locale(adana, "tr")
    assert f'data-translation-key="{adana.translation_key}" hreflang="tr"' in html
    assert f'data-api-url="http://testserver/api/v1/tr/events/{turkish_adana.slug}/"' in html
    # not translated into Turkish: the English page
    assert f'hreflang="en" data-api-url="http://testserver/api/v1/en/events/{lisbon.slug}/"' in html
    assert 'href="http://testserver/documents/' in html
    assert "linktype" not in html and "id=" not in html.replace("data-translation-key", "")


def test_a_link_to_an_unpublished_page_keeps_only_its_text(client, media_workshop, adana):
    adana.unpublish()
    media_workshop.body = [
        ("paragraph", RichText(f'<p>See <a linktype="page" id="{adana.pk}">the training</a>.</p>'))
    ]
    media_workshop.save_revision().publish()
    [html] = paragraphs(client.get(f"/api/v1/en/events/{media_workshop.slug}/").json()["body"])
    assert html == "<p>See <a>the training</a>.</p>"


def test_links_cost_no_query_per_link(client, django_assert_max_num_queries, media_workshop):
    pages = list(EventPage.objects.filter(locale__language_code="en"))
    links = " ".join(f'<a linktype="page" id="{page.pk}">{page.title}</a>' for page in pages * 5)
    media_workshop.body = [("paragraph", RichText(f"<p>{links}</p>"))] * 10
    media_workshop.save_revision().publish()
    with django_assert_max_num_queries(20):
        response = client.get(f"/api/v1/en/events/{media_workshop.slug}/")
    assert response.json()["body"][0]["html"].count("data-translation-key") == len(pages) * 5

"""A language's editors and reviewers keep their own language's glossary in the admin; moderators
keep every language's. Another language's terms are neither listed nor reachable."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from glossary.models import GlossaryTerm
from tests.content import login_in_english

pytestmark = pytest.mark.django_db


def term(code, english_term):
    return GlossaryTerm.objects.get(locale__language_code=code, english_term=english_term)


def locale_id(code):
    return Locale.objects.get(language_code=code).pk


def listed(client, query=""):
    response = client.get(reverse("glossary:index") + query)
    assert response.status_code == 200
    return {(row.locale.language_code, row.english_term) for row in response.context["object_list"]}


@pytest.mark.parametrize("username", ["sq-editor", "sq-reviewer"])
def test_a_language_keeps_its_own_glossary(client, username):
    login_in_english(client, username)
    assert listed(client) == {("sq", english) for english in ("THB", "NRM", "DGMM")} | {
        ("sq", english)
        for english in (
            "trafficking in human beings",
            "national referral mechanism",
            "victim identification",
            "referral",
        )
    }
    # the menu offers it
    assert reverse("glossary:index") in client.get(reverse("wagtailadmin_home")).content.decode()

    # the form offers only their own language
    form = client.get(reverse("glossary:add")).context["form"]
    assert [locale.language_code for locale in form.fields["locale"].queryset] == ["sq"]

    response = client.post(
        reverse("glossary:add"),
        {
            "locale": locale_id("sq"),
            "english_term": "  victim  protection ",
            "translation": "mbrojtja e viktimave",
        },
    )
    assert response.status_code == 302
    added = term("sq", "victim protection")  # spaces tidied
    assert added.translation == "mbrojtja e viktimave"

    edit = reverse("glossary:edit", args=(added.pk,))
    response = client.post(
        edit,
        {
            "locale": locale_id("sq"),
            "english_term": "victim protection",
            "translation": "mbrojtja e viktimave",
            "note": "Not 'ndihma'.",
        },
    )
    assert response.status_code == 302
    added.refresh_from_db()
    assert added.note == "Not 'ndihma'."

    assert client.post(reverse("glossary:delete", args=(added.pk,))).status_code == 302
    assert not GlossaryTerm.objects.filter(pk=added.pk).exists()


@pytest.mark.parametrize("username", ["sq-editor", "sq-reviewer"])
def test_another_languages_glossary_is_out_of_reach(client, username):
    login_in_english(client, username)
    turkish = term("tr", "DGMM")
    assert "GİGM" not in client.get(reverse("glossary:index") + "?q=DGMM").content.decode()
    assert listed(client, f"?locale={locale_id('tr')}") <= {
        ("sq", t.english_term) for t in GlossaryTerm.objects.all()
    }
    for name in ("edit", "delete", "history", "usage"):
        response = client.get(reverse(f"glossary:{name}", args=(turkish.pk,)))
        assert response.status_code in (403, 404), name
        assert "GİGM" not in response.content.decode()
    assert client.post(reverse("glossary:delete", args=(turkish.pk,))).status_code == 404
    response = client.post(
        reverse("glossary:edit", args=(turkish.pk,)),
        {"locale": locale_id("tr"), "english_term": "DGMM", "translation": "x"},
    )
    assert response.status_code == 404
    turkish.refresh_from_db()
    assert turkish.translation == "GİGM"

    # nor may a term be added to it
    response = client.post(
        reverse("glossary:add"),
        {"locale": locale_id("tr"), "english_term": "referral mechanism", "translation": "x"},
    )
    assert response.status_code == 200 and "locale" in response.context["form"].errors
    assert not GlossaryTerm.objects.filter(english_term="referral mechanism").exists()

    # an address that names no term is a 404, never a server error
    for pk in ("999999999", "0"):
        assert client.get(f"/admin/glossary/edit/{pk}/").status_code == 404


def test_bad_input_gets_form_errors(client):
    login_in_english(client, "sq-editor")
    before = GlossaryTerm.objects.count()
    add = reverse("glossary:add")
    cases = [
        ({"locale": locale_id("sq"), "english_term": "   ", "translation": "x"}, "english_term"),
        ({"locale": locale_id("sq"), "english_term": "victim care", "translation": ""}, "translation"),
        (
            {"locale": locale_id("sq"), "english_term": "thb", "translation": "x"},
            "english_term",
        ),  # THB exists
        (
            {"locale": locale_id("sq"), "english_term": "Victim  Identification", "translation": "x"},
            "english_term",
        ),
        ({"locale": "", "english_term": "victim care", "translation": "x"}, "locale"),
        ({"locale": "abc", "english_term": "victim care", "translation": "x"}, "locale"),
        ({"locale": locale_id("en"), "english_term": "victim care", "translation": "x"}, "locale"),
    ]
    for data, field in cases:
        response = client.post(add, data)
        assert response.status_code == 200, data
        assert field in response.context["form"].errors, data
    assert GlossaryTerm.objects.count() == before
    duplicate = client.post(add, cases[2][0]).context["form"].errors["english_term"]
    assert duplicate == ["This language's glossary already has this term."]

    # the same term in another language is no duplicate: a moderator adds it to Turkish
    login_in_english(client, "moderator")
    response = client.post(
        add, {"locale": locale_id("tr"), "english_term": "victim care", "translation": "mağdur bakımı"}
    )
    assert response.status_code == 302
    response = client.post(
        add, {"locale": locale_id("tr"), "english_term": "VICTIM CARE", "translation": "y"}
    )
    assert "english_term" in response.context["form"].errors


def test_moderators_keep_every_languages_glossary(client):
    login_in_english(client, "moderator")
    codes = {code for code, _english in listed(client)}
    assert codes == {"sq", "az", "bs", "ro", "ur", "tr"}
    assert listed(client, f"?locale={locale_id('tr')}") == {
        ("tr", english)
        for (english,) in GlossaryTerm.objects.filter(locale__language_code="tr").values_list("english_term")
    }
    assert listed(client, "?q=referral") == {
        (code, english)
        for code in ("sq", "az", "bs", "ro", "ur", "tr")
        for english in ("referral", "national referral mechanism")
    }
    form = client.get(reverse("glossary:add")).context["form"]
    assert {locale.language_code for locale in form.fields["locale"].queryset} == {
        "sq",
        "az",
        "bs",
        "ro",
        "ur",
        "tr",
    }
    turkish = term("tr", "DGMM")
    response = client.post(
        reverse("glossary:edit", args=(turkish.pk,)),
        {"locale": locale_id("tr"), "english_term": "DGMM", "translation": "GİGM", "note": "Göç İdaresi"},
    )
    assert response.status_code == 302
    turkish.refresh_from_db()
    assert turkish.note == "Göç İdaresi"


def test_the_listing_is_ordered_by_term(client):
    login_in_english(client, "tr-reviewer")
    response = client.get(reverse("glossary:index"))
    terms = [row.english_term for row in response.context["object_list"]]
    assert terms == sorted(terms, key=str.casefold)
    response = client.get(reverse("glossary:index") + "?ordering=-english_term")
    terms = [row.english_term for row in response.context["object_list"]]
    assert terms == sorted(terms, key=str.casefold, reverse=True)


def test_english_and_content_editors_have_no_glossary(client):
    login_in_english(client, "en-editor")
    assert client.get(reverse("glossary:index")).status_code in (302, 403)

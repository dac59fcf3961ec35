"""Helpers that find the demo content `load_demo` puts in the test database."""


def english(model, slug):
    return model.objects.get(locale__language_code="en", slug=slug)


def in_locale(page, code):
    return page.get_translations(inclusive=True).get(locale__language_code=code).specific


def login_in_english(client, username):
    """Signed in as a demo login with the admin in English (the demo's national editors have their
    own language), so a test can read the admin's own words."""
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    user = get_user_model().objects.get(username=username)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return user

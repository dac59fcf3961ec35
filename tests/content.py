"""Helpers that find the demo content `load_demo` puts in the test database."""


def english(model, slug):
    return model.objects.get(locale__language_code="en", slug=slug)


def in_locale(page, code):
    return page.get_translations(inclusive=True).get(locale__language_code=code).specific

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, minus its redirects for the API.

    Its 404 handling would redirect /api/v1/xx/ to /en/api/v1/xx/ because Wagtail's catch-all
    page route matches any prefixed path; API clients must get the JSON 404 instead.
    """

    def process_response(self, request, response):
        if request.path_info.startswith("/api/"):
            return response
        return super().process_response(request, response)

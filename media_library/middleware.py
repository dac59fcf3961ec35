"""Headers of Wagtail's document downloads."""

DOCUMENTS_PREFIX = "/documents/"


class DocumentHeadersMiddleware:
    """Drop the `Content-Encoding: None` Wagtail's download sends when it guesses no encoding for a
    file (a header clients may take for an encoding called "None")."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(DOCUMENTS_PREFIX) and response.get("Content-Encoding") == "None":
            del response["Content-Encoding"]
        return response

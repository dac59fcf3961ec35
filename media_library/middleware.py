"""Headers of Wagtail's document downloads."""

DOCUMENTS_PREFIX = "/documents/"


class DocumentHeadersMiddleware:
    """Drop the `Content-Encoding: None` Wagtail's download sends when it guesses no encoding for a
    file (a header clients may take for an encoding called "None"), and keep a redirect to a
    document's signed, expiring bucket address (MEDIA_DOCUMENT_SERVING=redirect) out of shared
    caches: it was given to one user the restriction admits."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(DOCUMENTS_PREFIX) and response.get("Content-Encoding") == "None":
            del response["Content-Encoding"]
        if request.path.startswith(DOCUMENTS_PREFIX) and response.status_code in (301, 302):
            response["Cache-Control"] = "private, no-store"
        return response

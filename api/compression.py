"""gzip for the API's JSON and feeds, which partners fetch by the thousand: lists shrink to a fraction.

Only the API: its responses hold nothing secret, while the admin's pages carry CSRF tokens, which
compression beside reflected input would expose (BREACH).
"""

from django.middleware.gzip import GZipMiddleware

from .http import API_PREFIX


class APIGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not request.path.startswith(API_PREFIX):
            return response
        return super().process_response(request, response)

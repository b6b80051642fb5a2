"""Response headers every page gets that Django does not set itself."""

from django.conf import settings
from django.shortcuts import render


class PermissionsPolicyMiddleware:
    """Switch off browser features no page uses (camera, microphone, location...)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class RequestSizeLimitMiddleware:
    """Refuse a request body larger than the service ever needs, before anything reads it.

    The largest form is a payment with a 10 MB receipt; MAX_REQUEST_BYTES leaves room for the
    rest of the form. The TLS proxy in front should refuse the same size (client_max_body_size).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            return render(request, "413.html", status=413)
        return self.get_response(request)

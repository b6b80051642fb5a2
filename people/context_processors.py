"""Values every template needs: the service name and whose record is open."""

from django.conf import settings


def service(request) -> dict:
    return {
        "service_name": settings.SERVICE_NAME,
        "acting_for": getattr(request, "acting_for", None),
        "can_switch_person": getattr(request, "can_switch_person", False),
    }

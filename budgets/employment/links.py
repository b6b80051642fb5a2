"""The private timesheet link an employer sends a worker: no account, no password.

The link holds the worker's id and the link's version, signed with the service's secret key,
so it cannot be guessed or changed. Making a new link (a new version) stops the old one. A
link works for at most LINK_DAYS, and not once the worker left more than a month ago.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from .models import Worker

SALT = "budgets.employment.timesheet-link"
LINK_DAYS = 400
AFTER_LEAVING_DAYS = 31


def link_token(worker: Worker) -> str:
    return signing.dumps({"w": str(worker.id), "v": worker.link_version}, salt=SALT)


def link_url(worker: Worker) -> str:
    """The whole address, to copy into a text message or an email."""
    return settings.SITE_URL + reverse("employment:pa_home", args=[link_token(worker)])


def worker_from_link(token: str) -> Worker | None:
    """The worker a link is for, or None if it is not a real link, is old, or was replaced.

    This is the only way a link reaches a record: the signed token is the key, and it opens
    one worker's own timesheets and nothing else."""
    try:
        data = signing.loads(token, salt=SALT, max_age=timedelta(days=LINK_DAYS))
        worker_id, version = str(data["w"]), int(data["v"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    worker = (
        Worker.objects.select_related("budget__person")
        .filter(id=worker_id, engagement=Worker.Engagement.EMPLOYED)
        .first()
    )
    if worker is None or worker.link_version != version:
        return None
    if (
        worker.left_on
        and worker.left_on + timedelta(days=AFTER_LEAVING_DAYS) < timezone.localdate()
    ):
        return None
    return worker

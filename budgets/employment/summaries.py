"""Reading what a worker's holiday and pay add up to, from their approved timesheets: a few
queries for any number of workers, then the pure arithmetic in holiday.py."""

from datetime import date

from .holiday import IRREGULAR, REGULAR, Holiday, holiday_on
from .models import Shift, Timesheet, Worker


def holidays_for(workers, on: date) -> dict:
    """{worker id: Holiday} for each worker the person employs, as it stands on `on`."""
    employed = [w for w in workers if w.engagement == Worker.Engagement.EMPLOYED]
    if not employed:
        return {}
    ids = [w.id for w in employed]
    worked: dict = {}
    shifts = Shift.objects.filter(
        timesheet__worker_id__in=ids, timesheet__status=Timesheet.Status.APPROVED
    ).values_list("timesheet__worker_id", "day", "starts", "ends")
    for worker_id, day, starts, ends in shifts:
        worked.setdefault(worker_id, []).append((day, ends - starts))
    taken: dict = {}
    holiday = (
        Timesheet.objects.approved()
        .filter(worker_id__in=ids, holiday_hours__gt=0)
        .values_list("worker_id", "week_starts_on", "holiday_hours")
    )
    for worker_id, monday, amount in holiday:
        taken.setdefault(worker_id, []).append((monday, amount))
    return {w.id: holiday_of(w, on, worked.get(w.id, []), taken.get(w.id, [])) for w in employed}


def holiday_of(worker, on: date, worked, taken) -> Holiday:
    return holiday_on(
        on=on,
        started_on=worker.starts_on,
        left_on=worker.left_on,
        pattern=IRREGULAR if worker.hours == Worker.Hours.IRREGULAR else REGULAR,
        hourly_rate=worker.hourly_rate,
        usual_hours=worker.usual_hours,
        usual_days=worker.usual_days,
        worked=worked,
        taken=taken,
    )

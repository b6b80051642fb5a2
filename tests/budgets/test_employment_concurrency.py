"""The same week approved at the same moment in several browsers owes its pay once (a row lock
on the timesheet, and one wage per timesheet, UNIQUE), and the same week entered at once by the
employer and on the worker's link is one timesheet."""

import threading

import pytest
from django.db import close_old_connections, connection

from budgets.employment import services
from budgets.employment.models import ExpectedWage, Timesheet
from core.errors import DomainError

from .employment_helpers import add_worker, enter_week, weeks_ago

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def _at_once(count, action) -> list:
    barrier, outcomes = threading.Barrier(count), []

    def attempt():
        barrier.wait()
        try:
            outcomes.append(action())
        except DomainError as error:
            outcomes.append(error.message)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=attempt) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_the_same_week_approved_at_once_owes_once(budget, person):
    jo = add_worker(budget, person.user)
    sheet = enter_week(jo, weeks_ago(1), person.user)
    outcomes = _at_once(8, lambda: services.timesheet_approve(timesheet=sheet, user=person.user))
    assert len({wage.pk for wage in outcomes}) == 1
    assert ExpectedWage.objects.count() == 1


def test_the_same_week_entered_at_once_is_one_timesheet(budget, person):
    jo = add_worker(budget, person.user)
    outcomes = _at_once(6, lambda: enter_week(jo, weeks_ago(1), person.user))
    assert Timesheet.objects.count() == 1
    assert all(isinstance(o, Timesheet) or "were just entered" in o for o in outcomes)

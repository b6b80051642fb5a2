"""The demo: Peggy employs Aisha (checks, insurance, paid and unpaid weeks, hours on her link)
and Tom employs Ben without insurance yet; loading the demo again changes nothing."""

from django.core.management import call_command

from budgets.employment.council import council_exceptions
from budgets.employment.matching import wages_with_payments
from budgets.employment.models import Timesheet, Worker
from people.models import User


def test_the_demo_has_a_pa_for_peggy_and_loads_again_unchanged(db):
    call_command("seed_demo")
    call_command("seed_demo")
    aisha = Worker.objects.get(name="Aisha Khan")
    assert aisha.budget.person.first_name == "Margaret"
    statuses = [s.is_paid for s in wages_with_payments(aisha.budget)]
    assert statuses == [False, True]
    assert aisha.timesheets.filter(entered_by=Timesheet.EnteredBy.WORKER).count() == 1
    assert Worker.objects.count() == 2
    finance = User.objects.get(email="finance@example.org")
    [row] = council_exceptions(finance, [aisha.budget.person.local_authority_id])
    assert row.check.title == "There is no employer's liability insurance recorded."
    assert row.budget.person.first_name == "Thomas"
    assert "buying one this week" in row.explanation.explanation

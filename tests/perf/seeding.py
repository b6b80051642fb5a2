"""The benchmark's data set, made with bulk SQL (INSERT … SELECT generate_series): a council
with 10,000 direct payments and 2,000,000 ledger entries in about a minute, where the ORM would
take hours. PostgreSQL only. Used by tests/perf/bench.py (`make bench`).

What is made, beside a few records made through the real services (the council, its staff, one
person with an approved plan: "Sam"):
- `budgets` people at the bench council (Sam included), each with an approved plan and its
  decision (copied from Sam's), an active budget with one direct payment, its four accounts;
- `others` more people, budgets and accounts spread over `councils` other councils (the
  national run: what one council's pages should not notice);
- `per_budget` transactions a part, two entries each: one in ten a payment in of £600, the rest
  spends of £30-£59, every two days back from today; one part in five has recorded nothing for
  15 weeks (quiet); a question (rule flag) open on one part in seven;
- Sam: a budget three years old with about 300 transactions (the person's pages);
- balances equal to the sum of their entries, so `ledger_check` passes;
- everyone's review dates stored (reviews.stored_dates), so `review_dates_check` passes;
- every direct payment's monitoring row (budgets.monitoring.rows), so `monitoring_rows_check`
  passes.
"""

import time
from datetime import timedelta

from django.db import connection
from django.utils import timezone

from budgets.models import Account, PersonalBudget
from budgets.monitoring.rows import rows_refresh_all
from people.models import StaffRole
from reviews.stored_dates import review_dates_refresh_all
from tests.builders import complete_eligible_assessment, ready_plan
from tests.factories import OrganisationFactory, PersonFactory, UserFactory, staff_user

SAM_TRANSACTIONS = 300
SAM_YEARS = 3

# After the plans are copied (see _copy): each budget points at its person's own plan.
MONEY = [
    """INSERT INTO budgets_personalbudget (id, created_at, updated_at, person_id, plan_id,
        starts_on, ends_on, weekly_total, weekly_la_share, weekly_contribution, funding_source,
        status)
    SELECT gen_random_uuid(), now(), now(), p.id, sp.id, current_date - 220,
        current_date + 145, 150, 150, 0, 'social_care', 'active'
    FROM people_person p JOIN support_plans_supportplan sp ON sp.person_id = p.id
    WHERE p.first_name = 'Bench'""",
    """INSERT INTO budgets_budgetpart (created_at, updated_at, budget_id, kind, weekly_amount,
        account_type)
    SELECT now(), now(), b.id, 'direct_payment', 150, 'bank'
    FROM budgets_personalbudget b JOIN people_person p ON p.id = b.person_id
    WHERE p.first_name = 'Bench'""",
    """INSERT INTO budgets_account (id, budget_id, part_id, kind, balance)
    SELECT gen_random_uuid(), bp.budget_id, bp.id, k.kind, 0
    FROM budgets_budgetpart bp
    CROSS JOIN (VALUES ('held'), ('council_funding'), ('contributions'), ('spending')) k(kind)
    WHERE NOT EXISTS (SELECT FROM budgets_account a WHERE a.part_id = bp.id)""",
    # Each part: one payment in of £600 in ten and spends of £30-£59, one every two days back
    # from today; one part in five has recorded nothing for 15 weeks.
    """INSERT INTO budgets_transaction (id, budget_id, part_id, kind, occurred_on, amount, payee,
        note, idempotency_key, recorded_by_id, recorded_at)
    SELECT gen_random_uuid(), bp.budget_id, bp.id,
        CASE WHEN n %% 10 = 1 THEN 'payment_in' ELSE 'spend' END,
        current_date - 2 * (%(per_budget)s - n) - CASE WHEN bp.id %% 5 = 0 THEN 105 ELSE 0 END,
        CASE WHEN n %% 10 = 1 THEN 600 ELSE 30 + bp.id %% 30 END,
        'Bench payee', '', 'bench:' || bp.id || ':' || n, %(officer)s, now()
    FROM budgets_budgetpart bp CROSS JOIN generate_series(1, %(per_budget)s) n
    WHERE bp.budget_id <> %(sam_budget)s""",
    # Sam: three years of records, about 300 transactions, on the accounts the services made.
    """INSERT INTO budgets_transaction (id, budget_id, part_id, kind, occurred_on, amount, payee,
        note, idempotency_key, recorded_by_id, recorded_at)
    SELECT gen_random_uuid(), bp.budget_id, bp.id,
        CASE WHEN n %% 10 = 1 THEN 'payment_in' ELSE 'spend' END,
        current_date - (%(sam_days)s * (%(sam_transactions)s - n)) / %(sam_transactions)s,
        CASE WHEN n %% 10 = 1 THEN 600 ELSE 30 + n %% 30 END,
        'Bench payee ' || n %% 12, '', 'bench:sam:' || n, %(officer)s, now()
    FROM budgets_budgetpart bp CROSS JOIN generate_series(1, %(sam_transactions)s) n
    WHERE bp.budget_id = %(sam_budget)s AND bp.kind = 'direct_payment'""",
    """INSERT INTO budgets_entry (transaction_id, account_id, amount)
    SELECT t.id, a.id, CASE
        WHEN a.kind = 'held' AND t.kind = 'payment_in' THEN t.amount
        WHEN a.kind = 'held' THEN -t.amount
        WHEN a.kind = 'council_funding' THEN -t.amount
        ELSE t.amount END
    FROM budgets_transaction t JOIN budgets_account a ON a.part_id = t.part_id
        AND ((t.kind = 'payment_in' AND a.kind IN ('held', 'council_funding'))
          OR (t.kind = 'spend' AND a.kind IN ('held', 'spending')))
    WHERE t.idempotency_key LIKE 'bench:%%'""",
    # The part's newest record, as the ledger keeps it (budgets.ledger._write).
    """UPDATE budgets_budgetpart bp SET last_record_on = t.newest
    FROM (SELECT part_id, max(occurred_on) AS newest FROM budgets_transaction
          WHERE kind IN ('spend', 'refund', 'contribution', 'correction') GROUP BY part_id) t
    WHERE bp.id = t.part_id""",
    """UPDATE budgets_account a SET balance = s.total
    FROM (SELECT account_id, sum(amount) AS total FROM budgets_entry GROUP BY account_id) s
    WHERE a.id = s.account_id""",
    """INSERT INTO budgets_ruleflag (id, created_at, updated_at, transaction_id, council_id,
        rule, message, status, explanation, resolution)
    SELECT gen_random_uuid(), now(), now(), t.id, p.local_authority_id, 'not_in_plan',
        'Which support was this?', 'open', '', ''
    FROM budgets_transaction t
    JOIN budgets_personalbudget b ON b.id = t.budget_id
    JOIN people_person p ON p.id = b.person_id
    WHERE t.idempotency_key LIKE 'bench:%%:2' AND t.part_id %% 7 = 0""",
    "ANALYZE",
]


def _columns(cursor, table: str) -> list[tuple[str, str]]:
    cursor.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_name = %s ORDER BY ordinal_position",
        [table],
    )
    return cursor.fetchall()


def _copy(cursor, table: str, overrides: dict, joins: str, where: str, params: dict) -> None:
    """Copy a row made by the real services once for each bench person: every column as in
    the original unless overridden; a new id (a UUID, or the sequence's next number)."""
    names, values = [], []
    for name, data_type in _columns(cursor, table):
        if name == "id" and data_type != "uuid":
            continue  # an identity column numbers itself
        names.append(name)
        values.append(
            overrides.get(name, "gen_random_uuid()" if name == "id" else f"source.{name}")
        )
    cursor.execute(
        f"INSERT INTO {table} ({', '.join(names)}) SELECT {', '.join(values)} "
        f"FROM {table} source {joins} WHERE {where}",
        params,
    )


def seed(*, budgets: int, per_budget: int, others: int = 0, councils: int = 0) -> dict:
    """The data set; returns the users and records the benchmark signs in as and opens."""
    started = time.perf_counter()
    council = OrganisationFactory(name="Benchshire Council")
    other_councils = [OrganisationFactory(name=f"Elsewhere Council {n}") for n in range(councils)]
    officer = staff_user(council, StaffRole.FINANCE_OFFICER, full_name="Bench Officer")
    assessor = staff_user(council, StaffRole.SOCIAL_WORKER, full_name="Bench Social Worker")
    approver = staff_user(council, StaffRole.APPROVER, full_name="Bench Approver")
    sam = PersonFactory(
        local_authority=council, user=UserFactory(), first_name="Sam", last_name="Bench"
    )
    complete_eligible_assessment(sam, assessor, indicative_weekly="300.00")
    from support_plans import services

    plan = ready_plan(sam, sam.user)
    services.plan_submit(plan=plan, user=sam.user)
    services.plan_check(plan=plan, user=assessor)
    services.plan_decide(plan=plan, user=approver, decision="approved")
    sam_budget = PersonalBudget.objects.get(person=sam)
    # Sam's budget started three years ago, so three years of records fit in it.
    sam_days = 365 * SAM_YEARS
    PersonalBudget.objects.filter(pk=sam_budget.pk).update(
        starts_on=timezone.localdate() - timedelta(days=sam_days)
    )
    params = {
        "council": council.id,
        "other_councils": [c.id for c in other_councils],
        "plan": plan.id,
        "sam": sam.id,
        "sam_budget": sam_budget.id,
        "officer": officer.id,
        "budgets": budgets,
        "others": others if councils else 0,
        "per_budget": per_budget,
        "sam_transactions": SAM_TRANSACTIONS,
        "sam_days": sam_days - 1,
    }
    bench_people = "JOIN people_person p ON p.first_name = 'Bench'"
    with connection.cursor() as cursor:
        # Sam's row copied: people at the bench council, then (national run) elsewhere.
        person = {"first_name": "'Bench'", "user_id": "NULL", "email": "''", "nhs_number": "''"}
        _copy(
            cursor,
            "people_person",
            person
            | {
                "last_name": "'Person ' || lpad(n::text, 6, '0')",
                "case_reference": "'B' || n",
            },
            "CROSS JOIN generate_series(1, %(budgets)s - 1) n",
            "source.id = %(sam)s",
            params,
        )
        _copy(
            cursor,
            "people_person",
            person
            | {
                "last_name": "'Elsewhere ' || lpad(n::text, 6, '0')",
                "case_reference": "'E' || n",
                "local_authority_id": "(%(other_councils)s::uuid[])"
                "[1 + n %% cardinality(%(other_councils)s::uuid[])]",
            },
            "CROSS JOIN generate_series(1, %(others)s) n",
            "source.id = %(sam)s",
            params,
        )
        _copy(
            cursor,
            "support_plans_supportplan",
            {"person_id": "p.id"},
            bench_people,
            "source.id = %(plan)s",
            params,
        )
        _copy(
            cursor,
            "support_plans_approvaldecision",
            {"plan_id": "sp.id"},
            "JOIN support_plans_supportplan sp ON sp.person_id IN "
            "(SELECT id FROM people_person WHERE first_name = 'Bench')",
            "source.plan_id = %(plan)s AND source.decision = 'approved'",
            params,
        )
        for statement in MONEY:
            cursor.execute(statement, params)
        cursor.execute("SELECT count(*) FROM budgets_entry")
        entries = cursor.fetchone()[0]
    # The plans copied above were approved without the services: store their review dates as
    # approving them would have (the review list, to-do list and reminders read them).
    review_dates_refresh_all()
    # The money was written without the ledger: store each direct payment's monitoring row as
    # posting it would have (the finance officer's list reads them).
    rows_refresh_all()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reviews_reviewdates")
        cursor.execute("ANALYZE budgets_monitoringrow")
    held = Account.objects.get(
        budget=sam_budget, part__kind="direct_payment", kind=Account.Kind.HELD
    )
    return {
        "council": council,
        "officer": officer,
        "social_worker": assessor,
        "approver": approver,
        "sam": sam,
        "budget": sam_budget,
        "held_account": held,
        "entries": entries,
        "seconds": time.perf_counter() - started,
    }


def world_from_database() -> dict:
    """The same records from a database seeded earlier (`bench --keep`, then `--reuse`)."""
    from people.models import Organisation, Person, User

    council = Organisation.objects.get(name="Benchshire Council")
    sam = Person.objects.get(first_name="Sam", last_name="Bench", local_authority=council)
    budget = PersonalBudget.objects.get(person=sam)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM budgets_entry")
        entries = cursor.fetchone()[0]
    return {
        "council": council,
        "officer": User.objects.get(full_name="Bench Officer"),
        "social_worker": User.objects.get(full_name="Bench Social Worker"),
        "approver": User.objects.get(full_name="Bench Approver"),
        "sam": sam,
        "budget": budget,
        "held_account": Account.objects.get(
            budget=budget, part__kind="direct_payment", kind=Account.Kind.HELD
        ),
        "entries": entries,
        "seconds": 0.0,
    }

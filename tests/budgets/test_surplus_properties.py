"""The fair surplus (budgets/oversight/surplus.py), generated cases: never negative, never counts
money owed, set aside or the person's own, and nothing at all below the council's threshold."""

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from budgets.oversight.surplus import Deduction, work_out

ON = date(2026, 12, 7)
pennies = st.integers(min_value=0, max_value=5_000_000).map(lambda p: Decimal(p) / 100)
some_pennies = st.integers(min_value=1, max_value=500_000).map(lambda p: Decimal(p) / 100)
deductions = st.lists(some_pennies.map(lambda amount: Deduction("Owed", amount)), max_size=5)
cases = st.fixed_dictionaries(
    {
        "held": pennies,
        "owed": deductions,
        "set_aside": deductions,
        "contributions_paid": pennies,
        "contributions_due": pennies,
        "weekly": st.integers(min_value=0, max_value=200_000).map(lambda p: Decimal(p) / 100),
        "weeks": st.integers(min_value=1, max_value=52),
        "basis": st.sampled_from(["gross", "net"]),
    }
)


@given(cases)
def test_the_surplus_is_never_negative_and_always_in_pennies(case):
    surplus = work_out(on=ON, **case)
    assert surplus.amount >= 0
    assert surplus.amount == surplus.amount.quantize(Decimal("0.01"))
    assert surplus.retained + surplus.amount == surplus.held


@given(cases)
def test_the_surplus_never_counts_owed_set_aside_or_the_persons_own_money(case):
    surplus = work_out(on=ON, **case)
    left_out = surplus.owed_total + surplus.set_aside_total + surplus.own_money
    assert surplus.amount <= max(surplus.held - left_out, Decimal(0))
    assert surplus.amount == max(surplus.held - left_out - surplus.threshold, Decimal(0))


@given(cases, some_pennies)
def test_more_owed_never_makes_more_surplus(case, more):
    before = work_out(on=ON, **case)
    after = work_out(on=ON, **{**case, "owed": [*case["owed"], Deduction("Wages", more)]})
    assert after.amount <= before.amount
    assert before.amount - after.amount <= more


@given(cases)
def test_nothing_is_surplus_at_or_below_the_threshold(case):
    surplus = work_out(on=ON, **case)
    if surplus.free <= surplus.threshold:
        assert surplus.amount == 0
        assert "There is no surplus" in surplus.summary()
    else:
        assert surplus.amount == surplus.free - surplus.threshold
        assert "more than the council's limit" in surplus.summary()


@given(cases)
def test_contributions_paid_beyond_what_was_due_are_the_persons_own(case):
    surplus = work_out(on=ON, **case)
    expected = max(case["contributions_paid"] - case["contributions_due"], Decimal(0))
    assert surplus.own_money == expected

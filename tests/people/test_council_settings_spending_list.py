"""Issue 11: the council's administrators keep the not-allowed spending list on the local
settings pages (add, reword, remove; every change in its history), the page warns when it grows
past a handful, and the spending rules use what the list says."""

import pytest
from django.urls import reverse

from budgets.models import DisallowedSpending, RuleFlag
from core.errors import DomainError
from people.council_settings import spending_list
from people.models import StaffRole
from tests.budgets.test_rules import _flags, funded, line  # noqa: F401 (fixtures)

from ..factories import staff_user


def _url(name, council, item=None):
    args = [council.id] + ([item.id] if item else [])
    return reverse(f"council_settings:{name}", args=args)


def test_an_administrator_adds_rewords_and_removes_an_item_and_the_history_says_who(
    client, council, la_admin
):
    client.force_login(la_admin)
    response = client.post(
        _url("spending_add", council),
        {"label": "  Gambling ", "keywords": "casino\n\n  betting   shop \nCASINO"},
    )
    assert response.status_code == 302
    item = DisallowedSpending.objects.get(authority=council)
    assert (item.label, item.keywords) == ("Gambling", "casino\nbetting shop")
    page = client.get(_url("overview", council)).text
    assert "Gambling" in page and "casino, betting shop" in page

    client.post(_url("spending_change", council, item), {"label": "Betting", "keywords": "bet"})
    item.refresh_from_db()
    assert (item.label, item.keywords) == ("Betting", "bet")

    assert (
        "Remove 'Betting' from the not-allowed list?"
        in client.get(_url("spending_remove", council, item)).text
    )
    client.post(_url("spending_remove", council, item))
    assert not DisallowedSpending.objects.exists()
    history = list(DisallowedSpending.history.order_by("history_date"))
    assert [h.history_type for h in history] == ["+", "~", "-"]
    assert {h.history_user for h in history} == {la_admin}
    page = client.get(_url("overview", council)).text
    assert "removed 'Betting'" in page and "added 'Gambling'" in page


@pytest.mark.parametrize(
    ("label", "keywords", "message"),
    [
        ("", "casino", "Enter what is not allowed"),
        ("Gambling", " \n ", "Enter at least one word that suggests it"),
        ("gambling", "dice", "is already on the list. Change that item instead"),
        ("x" * 101, "dice", "Keep the name to 100 characters or fewer"),
    ],
)
def test_bad_items_are_refused_plainly_and_nothing_is_saved(
    client, council, la_admin, label, keywords, message
):
    DisallowedSpending.objects.create(authority=council, label="Gambling", keywords="casino")
    client.force_login(la_admin)
    response = client.post(_url("spending_add", council), {"label": label, "keywords": keywords})
    assert response.status_code == 200
    assert message in response.text
    assert DisallowedSpending.objects.count() == 1


def test_an_unchanged_item_says_so(council, la_admin):
    item = spending_list.spending_item_add(
        authority=council, user=la_admin, label="Gambling", keywords="casino"
    )
    with pytest.raises(DomainError, match="Nothing has changed"):
        spending_list.spending_item_change(
            item=item, user=la_admin, label="Gambling", keywords="casino"
        )


def test_the_page_warns_once_the_list_grows_past_six_items(client, council, la_admin):
    client.force_login(la_admin)
    for n in range(6):
        DisallowedSpending.objects.create(authority=council, label=f"Item {n}", keywords=f"w{n}")
    assert "The guidance warns against long lists" not in client.get(_url("overview", council)).text
    DisallowedSpending.objects.create(authority=council, label="Item 7", keywords="w7")
    page = client.get(_url("overview", council)).text
    assert "The list has 7 items. The guidance warns against long lists" in page


def test_only_the_councils_own_administrators_change_its_list(
    client, council, other_council, la_admin, finance_officer
):
    item = DisallowedSpending.objects.create(authority=council, label="Gambling", keywords="bet")
    other_admin = staff_user(other_council, StaffRole.ADMINISTRATOR)
    for user in (finance_officer, other_admin):
        client.force_login(user)
        assert client.post(_url("spending_remove", council, item)).status_code == 404
        with pytest.raises(DomainError, match="Only this council's administrators"):
            spending_list.spending_item_remove(item=item, user=user)
    assert DisallowedSpending.objects.filter(pk=item.pk).exists()
    client.force_login(other_admin)
    # another council's item is not found through this council's address either
    assert client.get(_url("spending_change", other_council, item)).status_code == 404


def test_the_spending_rules_use_the_list_as_the_administrator_left_it(
    council,
    la_admin,
    funded,  # noqa: F811
    person,
    line,  # noqa: F811
):
    item = spending_list.spending_item_add(
        authority=council, user=la_admin, label="Gambling", keywords="casino"
    )
    flags = _flags(funded, person.user, payee="Grand Casino", line=line)
    assert RuleFlag.Rule.NOT_ALLOWED in flags
    spending_list.spending_item_change(
        item=item, user=la_admin, label="Gambling", keywords="bookmaker"
    )
    assert RuleFlag.Rule.NOT_ALLOWED not in _flags(funded, person.user, payee="Casino", line=line)
    assert RuleFlag.Rule.NOT_ALLOWED in _flags(funded, person.user, payee="Bookmaker", line=line)

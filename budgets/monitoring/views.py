"""The finance officer's monitoring list of direct-payment accounts, and an account's ledger."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from core.pages import deny_unless
from people import access
from people.council_settings.services import council_settings_in_force_for
from people.services import record_access_log

from ..pages import finance_authority
from . import services as monitoring
from .forms import (
    MonitoringForm,
)

PER_PAGE = 50


@login_required
@require_safe
def accounts(request):
    council = finance_authority(request.user)
    today = timezone.localdate()
    councils = council_settings_in_force_for(access.finance_authority_ids(request.user), today)
    form = MonitoringForm(request.GET or None, settings=councils[council.id])
    data = form.cleaned_data if form.is_valid() else {}
    rows = monitoring.direct_payment_accounts(
        request.user,
        show=data.get("show") or (),
        sort=data.get("sort") or "name",
        name=data.get("name") or "",
        today=today,
        councils=councils,
    )
    page = Paginator(rows.values_list("pk", "open_flags"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    page.object_list = monitoring.page_parts(page.object_list, today, councils)
    monitoring.pa_owed_on_page(page.object_list, today)
    for part in page.object_list:
        settings = councils[part.budget.person.local_authority_id]
        part.weeks_shown = monitoring.weeks_held(part.balance, part.weekly_amount)
        part.reasons = monitoring.reasons(part, settings, today)
    query = request.GET.copy()
    query.pop("page", None)
    shown = data.get("show") or ()
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "by_exception": monitoring.ALL not in shown,
        "filtered": bool(shown) and monitoring.ALL not in shown,
    }
    return render(request, "budgets/finance/accounts.html", context)


@login_required
@require_safe
def ledger(request, account_id):
    account = monitoring.account_for_ledger(request.user, account_id)
    person = account.budget.person
    deny_unless(access.can_monitor_budget(request.user, person))
    record_access_log(person=person, user=request.user, what="Budget ledger", acting_for=None)
    page = Paginator(monitoring.ledger_entries(account), PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = monitoring.ledger_rows(page.object_list)
    context = {
        "account": account,
        "person": person,
        "part": account.part,
        "page": page,
        "entries_total": monitoring.entries_total(account),
        "weeks_held": monitoring.weeks_held(account.balance, account.part.weekly_amount),
    }
    return render(request, "budgets/finance/ledger.html", context)

"""Pages for a council's charging rates (its administrators only) and for working charges out
again at April uprating (its finance staff only). Anyone else gets a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from core.errors import DomainError
from core.formats import pounds
from core.forms import ConfirmForm
from core.pages import deny_unless, form_saved, posted
from people import access
from people.models import Organisation

from ..defaults import financial_year_of, year_starts
from ..financial import national_rates as national
from ..financial.presenters import working_from_result
from ..models import ChargingRates, MinimumIncomeGuarantee
from . import services, uprating
from .forms import AddYearForm, AmountsForm, RatesForm


def _council(authority_id, allowed, user) -> Organisation:
    council = get_object_or_404(
        Organisation, id=authority_id, kind=Organisation.Kind.LOCAL_AUTHORITY
    )
    deny_unless(allowed(user, council))
    return council


def _admin_council(request, authority_id) -> Organisation:
    """The council, if this user administers it; a 404 for everyone else."""
    return _council(authority_id, access.can_change_council_settings, request.user)


def _year(council, year: int) -> ChargingRates:
    return get_object_or_404(services.rates_years(council), financial_year=year)


def _to_year(rates: ChargingRates):
    return redirect(
        "charging_rates:year", authority_id=rates.authority_id, year=rates.financial_year
    )


def _years_to_add(council) -> list[int]:
    have = set(services.rates_years(council).values_list("financial_year", flat=True))
    latest = financial_year_of(timezone.localdate()) + 1
    return [y for y in range(latest, latest - 4, -1) if y not in have]


@login_required
@require_safe
def years(request, authority_id):
    council = _admin_council(request, authority_id)
    context = {
        "council": council,
        "years": list(services.rates_years(council).select_related("checked_by")),
        "this_year": financial_year_of(timezone.localdate()),
        "can_add": bool(_years_to_add(council)),
    }
    return render(request, "assessments/rates/years.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def add(request, authority_id):
    council = _admin_council(request, authority_id)
    form = AddYearForm(posted(request), years=_years_to_add(council))
    if saved := form_saved(
        request,
        form,
        lambda: services.charging_rates_add(
            authority=council, year=form.cleaned_data["financial_year"], user=request.user
        ),
    ):
        rates = saved.result
        messages.success(
            request,
            f"The {rates.year_label} rates are added. Check every figure, then mark them as "
            "checked: until then nobody is charged on them.",
        )
        return _to_year(rates)
    return render(request, "assessments/rates/add.html", {"council": council, "form": form})


def _amount_rows(rates: ChargingRates) -> list[dict]:
    """Each amount offered, beside the national amount the service holds (if it holds one)."""
    held = national.national_year(rates.financial_year)
    rows = []
    for amount in rates.mig_amounts.all():
        found = held.amounts.get(amount.label) if held else None
        rows.append(
            {
                "label": amount.label,
                "kind": amount.get_kind_display(),
                "amount": amount.weekly_amount,
                "national": found[0] if found else None,
                "source": found[1] if found else None,
            }
        )
    order = {label: i for i, (label, _) in enumerate(national.LABELS)}
    return sorted(rows, key=lambda row: (order.get(row["label"], 99), row["label"]))


def _history(rates: ChargingRates, limit: int = 30) -> list[dict]:
    """Who changed the year's rates and its amounts, and when, newest first."""
    rows = [
        {"when": h.history_date, "who": h.history_user, "what": _what(h, "the rates")}
        for h in rates.history.select_related("history_user")[:limit]
    ]
    amounts = MinimumIncomeGuarantee.history.filter(rates_id=rates.pk).select_related(
        "history_user"
    )
    rows += [
        {
            "when": h.history_date,
            "who": h.history_user,
            "what": _what(h, f"'{h.label}'")
            + ("" if h.history_type == "-" else f": {pounds(h.weekly_amount)} a week"),
        }
        for h in amounts[:limit]
    ]
    return sorted(rows, key=lambda row: row["when"], reverse=True)[:limit]


def _what(h, thing: str) -> str:
    verb = {"+": "added", "-": "removed"}.get(h.history_type, "changed")
    return f"{verb} {thing}"


@login_required
@require_safe
def year(request, authority_id, year):
    council = _admin_council(request, authority_id)
    rates = _year(council, year)
    context = {
        "council": council,
        "rates": rates,
        "rows": _amount_rows(rates),
        "missing": services.missing_national(rates),
        "held": national.national_year(rates.financial_year),
        "starts": year_starts(rates.financial_year),
        "history": _history(rates),
    }
    return render(request, "assessments/rates/year.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def change(request, authority_id, year):
    council = _admin_council(request, authority_id)
    rates = _year(council, year)
    form = RatesForm(posted(request), initial=RatesForm.initial_from(rates))
    if form_saved(
        request,
        form,
        lambda: services.charging_rates_change(
            rates=rates, user=request.user, values=form.cleaned_data
        ),
    ):
        messages.success(request, f"The {rates.year_label} rates are changed.")
        return _to_year(rates)
    context = {"council": council, "rates": rates, "form": form}
    return render(request, "assessments/rates/change.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def amounts(request, authority_id, year):
    council = _admin_council(request, authority_id)
    rates = _year(council, year)
    form = AmountsForm(posted(request), rates=rates)
    if form_saved(
        request,
        form,
        lambda: services.mig_amounts_change(rates=rates, user=request.user, amounts=form.amounts()),
    ):
        messages.success(request, f"The {rates.year_label} Minimum Income Guarantee is changed.")
        return _to_year(rates)
    context = {"council": council, "rates": rates, "form": form}
    return render(request, "assessments/rates/amounts.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def check(request, authority_id, year):
    council = _admin_council(request, authority_id)
    rates = _year(council, year)
    form = ConfirmForm(posted(request))
    if form_saved(
        request, form, lambda: services.charging_rates_check(rates=rates, user=request.user)
    ):
        messages.success(
            request, f"The {rates.year_label} rates are checked: people can be charged on them."
        )
        return _to_year(rates)
    example = services.check_example(rates)
    context = {
        "council": council,
        "rates": rates,
        "form": form,
        "example": example,
        "working": working_from_result(example.result) if example.result else None,
        "missing": services.missing_national(rates),
    }
    return render(request, "assessments/rates/check.html", context)


# April uprating: the council's finance staff.


@login_required
@require_safe
def uprating_councils(request):
    councils = list(access.charge_authorities(request.user))
    deny_unless(bool(councils))
    this_year = financial_year_of(timezone.localdate())
    rows = [{"council": c, "rates": ChargingRates.objects.for_year(c, this_year)} for c in councils]
    context = {"rows": rows, "this_year": this_year, "label": national.year_label(this_year)}
    return render(request, "assessments/rates/uprating_councils.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def uprating_year(request, authority_id, year):
    council = _council(authority_id, access.can_recalculate_charges, request.user)
    get_object_or_404(services.rates_years(council), financial_year=year)
    form = ConfirmForm(posted(request))
    if saved := form_saved(
        request,
        form,
        lambda: uprating.financial_assessments_uprate(
            authority=council, year=year, user=request.user
        ),
    ):
        run = saved.result
        done = f"{len(run.done)} {'charge' if len(run.done) == 1 else 'charges'}"
        messages.success(
            request,
            f"{done} worked out again on the {national.year_label(year)} rates. Each person is "
            "told their old and new weekly charge and why.",
        )
        return redirect("charging_rates:uprating_year", authority_id=council.id, year=year)
    context = {"council": council, "year": year, "form": form, "starts": year_starts(year)}
    try:
        context["rates"], context["rows"] = uprating.uprating_preview(council, year)
    except DomainError as error:
        context["problem"] = error.message
    context["too_early"] = timezone.localdate() < year_starts(year)
    return render(request, "assessments/rates/uprating_year.html", context)

"""A council administrator's pages for the council's local settings (its own council only)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from core.formats import long_date
from core.pages import deny_unless, form_saved, posted

from .. import access
from ..models import Organisation
from . import services, spending_list
from .forms import CouncilSettingsForm, SpendingItemForm, initial_from


def _council(request, authority_id) -> Organisation:
    """The council, if this user administers it; a 404 for everyone else."""
    council = get_object_or_404(
        Organisation, id=authority_id, kind=Organisation.Kind.LOCAL_AUTHORITY
    )
    deny_unless(access.can_change_council_settings(request.user, council))
    return council


@login_required
@require_safe
def overview(request, authority_id):
    council = _council(request, authority_id)
    context = {
        "council": council,
        "in_force": services.council_settings_in_force(council),
        "upcoming": services.council_settings_upcoming(council),
        "history": services.council_settings_history(council),
        "fields": services.SETTING_FIELDS,
        **_spending_context(council),
    }
    return render(request, "people/council_settings/overview.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def change(request, authority_id):
    council = _council(request, authority_id)
    in_force = services.council_settings_in_force(council)
    form = CouncilSettingsForm(
        posted(request),
        initial={**initial_from(in_force), "effective_from": timezone.localdate()},
    )
    if saved := form_saved(
        request,
        form,
        lambda: services.council_settings_change(
            authority=council,
            user=request.user,
            effective_from=form.cleaned_data["effective_from"],
            values=form.values(),
            reason=form.cleaned_data["reason"],
        ),
    ):
        row = saved.result
        messages.success(
            request, f"{council}'s settings change from {long_date(row.effective_from)}."
        )
        return redirect("council_settings:overview", authority_id=council.id)
    context = {"council": council, "form": form}
    return render(request, "people/council_settings/change.html", context)


def _spending_context(council) -> dict:
    items = list(spending_list.spending_list(council))
    return {
        "spending_items": items,
        "spending_warning": spending_list.spending_list_warning(len(items)),
        "spending_history": spending_list.spending_list_history(council),
    }


def _item(council, item_id):
    return get_object_or_404(spending_list.spending_list(council), pk=item_id)


def _overview(council):
    return redirect("council_settings:overview", authority_id=council.id)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def spending_item_add(request, authority_id):
    council = _council(request, authority_id)
    form = SpendingItemForm(posted(request))
    if saved := form_saved(
        request,
        form,
        lambda: spending_list.spending_item_add(
            authority=council, user=request.user, **form.cleaned_data
        ),
    ):
        messages.success(request, f"'{saved.result.label}' is on the not-allowed list.")
        return _overview(council)
    context = {"council": council, "form": form, "adding": True}
    return render(request, "people/council_settings/spending_item.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def spending_item_change(request, authority_id, item_id):
    council = _council(request, authority_id)
    item = _item(council, item_id)
    form = SpendingItemForm(
        posted(request), initial={"label": item.label, "keywords": item.keywords}
    )
    if saved := form_saved(
        request,
        form,
        lambda: spending_list.spending_item_change(
            item=item, user=request.user, **form.cleaned_data
        ),
    ):
        messages.success(request, f"'{saved.result.label}' is changed.")
        return _overview(council)
    context = {"council": council, "form": form, "item": item}
    return render(request, "people/council_settings/spending_item.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def spending_item_remove(request, authority_id, item_id):
    council = _council(request, authority_id)
    item = _item(council, item_id)
    if request.method == "POST":
        label = spending_list.spending_item_remove(item=item, user=request.user)
        messages.success(request, f"'{label}' is no longer on the not-allowed list.")
        return _overview(council)
    context = {"council": council, "item": item}
    return render(request, "people/council_settings/spending_remove.html", context)

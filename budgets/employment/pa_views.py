"""A worker's own timesheets, on the private link their employer sends them: no account.

The signed link is the key (links.worker_from_link): it opens that worker's own weeks and
nothing else; any other link, an old one, or a changed one is a 404. Pages are never cached,
and the link is not sent on to other sites (Referrer-Policy: no-referrer).
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.pages import posted

from . import hours, links
from .forms import WeekForm
from .summaries import holidays_for
from .views import _monday, can_enter, timesheet_form, week_words


def _private(response):
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _worker(token: str):
    worker = links.worker_from_link(token)
    if worker is None:
        raise Http404("Page not found")
    return worker


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def pa_home(request, token):
    worker = _worker(token)
    form = WeekForm(posted(request))
    if request.method == "POST" and form.is_valid():
        monday = hours.monday_of(form.cleaned_data["day"])
        return redirect("employment:pa_timesheet", token=token, week=monday.isoformat())
    context = {
        "worker": worker,
        "employer_name": worker.budget.person.display_name,
        "token": token,
        "form": form,
        "timesheets": worker.timesheets.all()[:26],
        "holiday": holidays_for([worker], timezone.localdate()).get(worker.id),
        "this_monday": hours.monday_of(timezone.localdate()),
    }
    return _private(render(request, "budgets/employment/pa_home.html", context))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def pa_timesheet(request, token, week):
    worker = _worker(token)
    monday = _monday(week)
    if monday.weekday():
        monday = hours.monday_of(monday)
        return redirect("employment:pa_timesheet", token=token, week=monday.isoformat())
    sheet = worker.timesheets.filter(week_starts_on=monday).first()
    form = None
    if can_enter(sheet, monday):
        form, saved = timesheet_form(request, worker, monday, sheet, user=None)
        if saved is not None:
            messages.success(
                request,
                f"Thank you. Your hours for the week of {hours.week_text(monday)} are sent for "
                "approval.",
            )
            return redirect("employment:pa_home", token=token)
    context = {
        "worker": worker,
        "employer_name": worker.budget.person.display_name,
        "token": token,
        "sheet": sheet,
        "form": form,
        "monday": monday,
        **week_words(monday),
    }
    return _private(render(request, "budgets/employment/pa_timesheet.html", context))

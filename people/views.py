"""Pages for people: dashboard, caseload, a person's record, representatives, consent, history."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_safe

from core.errors import DomainError
from core.forms import add_domain_error
from core.pages import deny_unless, form_saved, posted

from . import access, services
from .councils import councils_to_contact
from .forms import (
    ActingForForm,
    CaseloadSearchForm,
    EndRepresentativeForm,
    GiveConsentForm,
    HistoryFilterForm,
    PersonForm,
    RepresentativeForm,
)
from .history import KINDS, person_history
from .middleware import ACTING_FOR_SESSION_KEY
from .models import Person, StaffRole, representative_in_force_q
from .pages import person_page
from .search import search_people, search_recalled, search_remember
from .todo import todo_for

HISTORY_PAGE_SIZE = 25


@require_safe
def home(request):
    if request.user.is_authenticated:
        return redirect("people:dashboard")
    return render(request, "people/home.html")


@require_safe
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


@require_safe
def help_and_contact(request):
    councils = councils_to_contact(request.user, getattr(request, "acting_for", None))
    return render(request, "pages/help.html", {"councils": councils})


@require_safe
def accessibility(request):
    return render(request, "pages/accessibility.html")


@require_safe
def privacy(request):
    return render(request, "pages/privacy.html")


@require_safe
def cookies(request):
    context = {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "session_hours": settings.SESSION_COOKIE_AGE // 3600,
        "staff_idle_minutes": settings.STAFF_IDLE_TIMEOUT_SECONDS // 60,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "csrf_cookie_weeks": settings.CSRF_COOKIE_AGE // (7 * 24 * 3600),
        "messages_cookie": CookieStorage.cookie_name,
        "uses_messages_cookie": "session" not in settings.MESSAGE_STORAGE,
    }
    return render(request, "pages/cookies.html", context)


@login_required
@require_safe
def dashboard(request):
    user = request.user
    caseload = (
        Person.objects.visible_to(user)
        .on_caseload_of(user)
        .annotate(
            active_representatives=Count(
                "representatives", filter=representative_in_force_q("representatives__")
            )
        )
        .order_by("-created_at")[:10]
    )
    context = {
        "is_la_staff": access.is_la_staff(user),
        "roles": sorted(
            {StaffRole(r).label for roles in access.la_roles(user).values() for r in roles}
        ),
        "caseload": caseload,
        "can_add_person": access.casework_authorities(user).exists(),
        "acted_for": access.persons_acted_for(user),
        "provider_people": Person.objects.consented_to_provider_of(user),
        "is_provider_user": access.is_provider_user(user),
        "todo": todo_for(user),
        "settings_councils": access.council_settings_authorities(user),
    }
    return render(request, "people/dashboard.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def caseload(request):
    """The people on the member of staff's caseload, searched by posting the form (see
    people/search.py for why the words never go in the address)."""
    deny_unless(access.is_la_staff(request.user))
    if request.method == "POST":
        form = CaseloadSearchForm(request.POST)
        if form.is_valid():
            return _caseload_results(request, form.cleaned_data["q"])
    else:
        form, expired = _recalled_search(request)
        if expired:
            messages.info(request, "That search has ended. Search again to see who it finds.")
    people = Person.objects.visible_to(request.user).on_caseload_of(request.user)
    if form.is_bound and form.is_valid():
        people = search_people(people, form.cleaned_data["q"])
    page = Paginator(people.order_by("last_name", "first_name"), 25).get_page(
        request.GET.get("page")
    )
    search_key = request.GET.get("search", "") if form.is_bound else ""
    context = {"search_form": form, "page": page, "search_key": search_key}
    return render(request, "people/caseload.html", context)


def _caseload_results(request, query: str):
    """Back to the caseload, showing what the words find, addressed by a key not the words."""
    url = reverse("people:caseload")
    query = " ".join(query.split())
    if query:
        url += "?" + urlencode({"search": search_remember(request.session, query)})
    return redirect(url)


def _recalled_search(request) -> tuple[CaseloadSearchForm, bool]:
    """The search form as the key in the address left it, and whether the key had ended."""
    key = request.GET.get("search", "")
    if not key:
        return CaseloadSearchForm(), False
    query = search_recalled(request.session, key)
    if query is None:
        return CaseloadSearchForm(), True
    return CaseloadSearchForm({"q": query}), False


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def person_add(request):
    authority = access.casework_authorities(request.user).first()
    deny_unless(authority is not None)
    form = PersonForm(posted(request))
    if saved := form_saved(
        request,
        form,
        lambda: services.person_create(
            authority=authority, recorded_by=request.user, details=form.cleaned_data
        ),
    ):
        person = saved.result
        messages.success(request, f"{person.display_name} has been added to the caseload.")
        return redirect("people:person_detail", person_id=person.id)
    return render(request, "people/person_form.html", {"form": form, "authority": authority})


@person_page("Personal details")
@require_safe
def person_detail(request, person):
    context = {
        "person": person,
        "representatives": person.representatives.select_related("user", "agreed_by", "revoked_by"),
        "consents": person.provider_consents.active().select_related("provider"),
        "can_edit": access.can_edit_person(request.user, person),
        "can_manage_consent": access.can_manage_consent(request.user, person),
        "can_view_history": access.can_view_history(request.user, person),
    }
    return render(request, "people/person_detail.html", context)


@person_page("Change personal details", allowed=access.can_edit_person)
@require_http_methods(["GET", "HEAD", "POST"])
def person_edit(request, person):
    form = PersonForm(posted(request), initial=PersonForm.initial_from(person))
    if form_saved(
        request,
        form,
        lambda: services.person_update(
            person=person, updated_by=request.user, details=form.cleaned_data
        ),
    ):
        messages.success(request, "The person's details have been saved.")
        return redirect("people:person_detail", person_id=person.id)
    return render(request, "people/person_form.html", {"form": form, "person": person})


# What staff are told when an email address already has an account: never whose it is.
WAITING_FOR_HOLDER = (
    "This email address already has an account on the service. We have emailed its holder to "
    "ask them to accept. Until they do, they cannot see anything of {name}'s record."
)


@person_page("Invitation to sign in", allowed=access.can_edit_person)
@require_http_methods(["GET", "HEAD", "POST"])
def person_invite(request, person):
    if request.method == "POST":
        try:
            services.person_invite(person=person, invited_by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            lines = [f"We have emailed an invitation to {person.email}."]
            if person.awaits_account_holder:
                lines.append(WAITING_FOR_HOLDER.format(name=person.display_name))
            messages.success(request, "\n".join(lines))
        return redirect("people:person_detail", person_id=person.id)
    return render(request, "people/person_invite.html", {"person": person})


@person_page("Record a representative", allowed=access.can_manage_representatives)
@require_http_methods(["GET", "HEAD", "POST"])
def representative_add(request, person):
    form = RepresentativeForm(posted(request))
    if saved := form_saved(
        request,
        form,
        lambda: services.representative_add(
            person=person, agreed_by=request.user, details=form.cleaned_data
        ),
    ):
        representative = saved.result
        lines = [
            f"{representative.full_name} is now recorded as "
            f"{representative.get_kind_display().lower()} for {person.display_name}."
        ]
        if representative.account_status == representative.AccountStatus.AWAITING:
            lines.append(WAITING_FOR_HOLDER.format(name=person.display_name))
        messages.success(request, "\n".join(lines))
        return redirect("people:person_detail", person_id=person.id)
    return render(request, "people/representative_form.html", {"form": form, "person": person})


@person_page("End a representative", allowed=access.can_manage_representatives)
@require_http_methods(["GET", "HEAD", "POST"])
def representative_end(request, person, representative_id):
    representative = get_object_or_404(
        person.representatives.filter(revoked_at__isnull=True), id=representative_id
    )
    form = EndRepresentativeForm(posted(request))
    if form_saved(
        request,
        form,
        lambda: services.representative_end(
            representative=representative,
            ended_by=request.user,
            reason=form.cleaned_data["reason"],
        ),
    ):
        messages.success(
            request, f"{representative.full_name} can no longer act for {person.display_name}."
        )
        return redirect("people:person_detail", person_id=person.id)
    context = {"form": form, "person": person, "representative": representative}
    return render(request, "people/representative_end.html", context)


@person_page("Consent for providers")
@require_http_methods(["GET", "HEAD", "POST"])
def consents(request, person):
    can_manage = access.can_manage_consent(request.user, person)
    form = GiveConsentForm(posted(request))
    if request.method == "POST":
        deny_unless(can_manage)
        if form.is_valid():
            try:
                consent = services.consent_give(
                    person=person, provider=form.cleaned_data["provider"], given_by=request.user
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(
                    request, f"{consent.provider} can now see the outcomes agreed in the plan."
                )
                return redirect("people:consents", person_id=person.id)
    context = {
        "form": form,
        "person": person,
        "can_manage": can_manage,
        "consents": person.provider_consents.select_related("provider", "given_by", "withdrawn_by"),
    }
    return render(request, "people/consents.html", context)


@person_page("Withdraw consent", allowed=access.can_manage_consent)
@require_http_methods(["GET", "HEAD", "POST"])
def consent_withdraw(request, person, consent_id):
    consent = get_object_or_404(
        person.provider_consents.active().select_related("provider"), id=consent_id
    )
    if request.method == "POST":
        try:
            services.consent_withdraw(consent=consent, withdrawn_by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"{consent.provider} can no longer see the agreed outcomes.")
        return redirect("people:consents", person_id=person.id)
    return render(request, "people/consent_withdraw.html", {"person": person, "consent": consent})


@person_page("Changes and access log", allowed=access.can_view_history)
@require_safe
def history(request, person):
    kinds = dict(KINDS)
    if not access.can_see_finances(request.user, person):
        kinds.pop("money")
    form = HistoryFilterForm(request.GET or None, kinds=kinds)
    entries = person_history(person, **form.chosen())
    context = {
        "person": person,
        "form": form,
        "kinds": kinds,
        "changes": Paginator(entries, HISTORY_PAGE_SIZE).get_page(request.GET.get("page")),
        "openings": Paginator(person.access_log.newest_first(), HISTORY_PAGE_SIZE).get_page(
            request.GET.get("opened")
        ),
    }
    return render(request, "people/history.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def acting_for(request):
    options = access.persons_acted_for(request.user)
    form = ActingForForm(posted(request), options=options)
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        request.session[ACTING_FOR_SESSION_KEY] = str(person.id)
        messages.success(request, f"You are now using {person.display_name}'s record.")
        return redirect("people:person_detail", person_id=person.id)
    return render(request, "people/acting_for.html", {"options": options, "form": form})

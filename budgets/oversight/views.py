"""Oversight pages: the money held and the surplus with every figure explained (the person sees
it first, and records what is owed or set aside); written notices, the person's reply and the
council's decision, and the letter as a PDF; audits the person does online; suspension and
ending. Each page loads its budget through budgets.pages.budget_page (providers never reach one;
another person's record is a 404), and everything else through visible_to.
"""

from datetime import timedelta

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from core.errors import DomainError
from core.formats import long_date, pounds
from core.forms import ConfirmForm
from core.pages import deny_unless, form_saved, posted
from people import access

from .. import ledger
from .. import presenters as budget_presenters
from ..models import Audit, Evidence, Liability, Notice, NoticeResponse
from ..pages import budget_page
from . import audits, letters, notices, services
from .evidence import evidence_response
from .forms import (
    AuditExplainForm,
    AuditReceiptForm,
    AuditRequestForm,
    AuditSubmitForm,
    AuditSummaryForm,
    ConfirmNoticeForm,
    ContributionRefundForm,
    EvidenceForm,
    LiabilityChangeForm,
    LiabilityForm,
    RepaymentForm,
    ReplyForm,
    StopForm,
    WithdrawForm,
)
from .presenters import audit_status_words, liability_words, notice_view
from .surplus import dp_part, surplus_for

GET_POST = ["GET", "HEAD", "POST"]
Status = Liability.Status


def _base(budget, request, **more) -> dict:
    you = access.can_log_spending(request.user, budget.person)
    return {"budget": budget, "person": budget.person, "you": you, **more}


def _files(request):
    return request.FILES if request.method == "POST" else None


def _to_surplus(budget):
    return redirect("oversight:surplus", budget_id=budget.id)


def _officer(request, budget) -> bool:
    return access.can_monitor_budget(request.user, budget.person)


def _may_record(user, person) -> bool:
    return services.may_record_liabilities(user, person)


# The money held and the surplus.


@budget_page("Money held and surplus", allowed=access.can_see_spending)
@require_safe
def surplus(request, budget):
    figures = surplus_for(budget)
    found = (
        Liability.objects.visible_to(request.user)
        .filter(budget=budget)
        .select_related("entered_by", "support_line")
        .order_by("status", "due_on", "created_at")
    )
    notices_found = (
        Notice.objects.visible_to(request.user).filter(budget=budget).select_related("given_by")
    )
    audits_found = Audit.objects.visible_to(request.user).filter(budget=budget)
    officer = _officer(request, budget)
    context = _base(
        budget,
        request,
        figures=figures,
        liabilities=[(item, liability_words(item)) for item in found],
        notices=[(notice, notice_view(notice)) for notice in notices_found],
        audits=[(audit, audit_status_words(audit)) for audit in audits_found],
        may_record=_may_record(request.user, budget.person),
        officer=officer,
        repayment_waiting=any(n.is_repayment and n.is_waiting for n in notices_found),
    )
    if figures is not None:
        name = budget.person.display_name
        context["summary"] = figures.summary(you=context["you"], name=name)
    return render(request, "budgets/oversight/surplus.html", context)


@budget_page("Record money owed or set aside", allowed=_may_record)
@require_http_methods(GET_POST)
def liability_add(request, budget):
    deny_unless(dp_part(budget) is not None)
    lines = budget.plan.support_lines.direct_payment()
    form = LiabilityForm(posted(request), _files(request), lines=lines)
    saved = form_saved(
        request,
        form,
        lambda: services.liability_record(
            budget=budget,
            user=request.user,
            details=services.LiabilityDetails(
                kind=form.cleaned_data["kind"],
                description=form.cleaned_data["description"],
                amount=form.cleaned_data["amount"],
                due_on=form.cleaned_data["due_on"],
                support_line=form.cleaned_data["support_line"],
            ),
            submission_key=form.cleaned_data["submission_key"],
            evidence=[form.cleaned_data["evidence"]] if form.cleaned_data["evidence"] else [],
        ),
    )
    if saved:
        messages.success(
            request,
            f"You recorded {pounds(saved.result.amount)}: the surplus now leaves it out.",
        )
        return _to_surplus(budget)
    return render(
        request, "budgets/oversight/liability_add.html", _base(budget, request, form=form)
    )


def _change_choices(request, budget, liability) -> list:
    choices = []
    if liability.status == Status.COUNTED and _may_record(request.user, budget.person):
        choices += [(Status.PAID, "It has been paid"), (Status.REMOVED, "Take it off")]
    if _officer(request, budget):
        if liability.status != Status.NOT_ACCEPTED:
            choices.append((Status.NOT_ACCEPTED, "The council does not accept it"))
        if liability.status == Status.NOT_ACCEPTED:
            choices.append((Status.COUNTED, "The council accepts it after all"))
    return choices


@budget_page("Money owed or set aside", allowed=access.can_see_spending)
@require_http_methods(GET_POST)
def liability(request, budget, liability_id):
    found = get_object_or_404(
        Liability.objects.visible_to(request.user)
        .filter(budget=budget)
        .select_related("entered_by", "changed_by", "support_line"),
        id=liability_id,
    )
    choices = _change_choices(request, budget, found)
    adding = request.POST.get("action") == "evidence"
    change = LiabilityChangeForm(
        posted(request) if not adding else None, choices=choices, prefix="change"
    )
    upload = EvidenceForm(posted(request) if adding else None, _files(request) if adding else None)
    if request.method == "POST":
        deny_unless(_may_record(request.user, budget.person) if adding else bool(choices))
        if adding and form_saved(
            request,
            upload,
            lambda: services.liability_evidence_add(
                liability=found, user=request.user, checked=upload.cleaned_data["evidence"]
            ),
        ):
            messages.success(request, "The evidence has been added.")
            return redirect("oversight:liability", budget_id=budget.id, liability_id=found.id)
        if not adding and form_saved(
            request,
            change,
            lambda: services.liability_change(
                liability=found,
                user=request.user,
                status=change.cleaned_data["status"],
                note=change.cleaned_data["note"],
            ),
        ):
            messages.success(request, "The change has been saved.")
            return _to_surplus(budget)
    context = _base(
        budget,
        request,
        liability=found,
        words=liability_words(found),
        evidence=found.evidence.all(),
        change_form=change if choices else None,
        upload_form=upload if _may_record(request.user, budget.person) else None,
        form=upload if adding else change,
    )
    return render(request, "budgets/oversight/liability.html", context)


@budget_page("Evidence download", allowed=access.can_see_spending)
@require_safe
def evidence(request, budget, evidence_id):
    found = get_object_or_404(
        Evidence.objects.visible_to(request.user).filter(budget=budget), id=evidence_id
    )
    try:
        return evidence_response(found)
    except DomainError as error:
        messages.error(request, error.message)
        return _to_surplus(budget)


@budget_page("Pay back contributions", allowed=access.can_monitor_budget)
@require_http_methods(GET_POST)
def contribution_refund(request, budget):
    overpaid = services.overpaid_contributions(budget)
    form = ContributionRefundForm(posted(request), initial={"amount": overpaid})
    if form_saved(
        request,
        form,
        lambda: services.contribution_refund(
            budget=budget,
            officer=request.user,
            amount=form.cleaned_data["amount"],
            submission_key=form.cleaned_data["submission_key"],
        ),
    ):
        messages.success(request, "The contributions are paid back.")
        return _to_surplus(budget)
    context = _base(budget, request, form=form, overpaid=overpaid)
    return render(request, "budgets/oversight/contribution_refund.html", context)


# Written notices.


def _notice(request, budget, notice_id) -> Notice:
    return get_object_or_404(
        Notice.objects.visible_to(request.user)
        .filter(budget=budget)
        .select_related("given_by", "decided_by", "part", "audit"),
        id=notice_id,
    )


def _to_notice(notice):
    return redirect("oversight:notice", budget_id=notice.budget_id, notice_id=notice.id)


def _working(figures) -> str:
    """The surplus working, as the notice's 'how it was worked out' starts."""
    if figures is None:
        return ""
    lines = [f"Money in the account on {long_date(figures.on)}: {pounds(figures.held)}."]
    lines += [f"Less {item.label}: {pounds(item.amount)}." for item in figures.owed]
    lines += [f"Less {item.label}: {pounds(item.amount)}." for item in figures.set_aside]
    if figures.own_money:
        lines.append(
            f"Less contributions paid beyond what was due (paid back to the person, not taken):"
            f" {pounds(figures.own_money)}."
        )
    lines.append(
        f"The council's limit: {figures.weeks} weeks of {pounds(figures.weekly)} "
        f"({figures.basis_words}) = {pounds(figures.threshold)}."
    )
    lines.append(f"Surplus: {pounds(figures.amount)}.")
    return " ".join(lines)


@budget_page("Propose a repayment", allowed=access.can_monitor_budget)
@require_http_methods(GET_POST)
def repayment_propose(request, budget):
    figures = surplus_for(budget)
    deny_unless(figures is not None)
    first_day = notices.earliest_effect(budget)
    form = RepaymentForm(
        posted(request),
        initial={
            "amount": notices.repayment_limit(budget) or None,
            "working": _working(figures),
            "takes_effect_on": first_day,
            "method": Notice.Method.TAKE,
        },
    )
    saved = form_saved(
        request,
        form,
        lambda: notices.repayment_propose(
            budget=budget,
            officer=request.user,
            repayment=notices.Repayment(
                amount=form.cleaned_data["amount"],
                reason=form.cleaned_data["reason"],
                working=form.cleaned_data["working"],
                method=form.cleaned_data["method"],
                takes_effect_on=form.cleaned_data["takes_effect_on"],
            ),
            submission_key=form.cleaned_data["submission_key"],
        ),
    )
    if saved:
        messages.success(
            request,
            f"The notice has been given. {budget.person.display_name} has until "
            f"{long_date(saved.result.respond_by)} to reply: nothing is taken before then.",
        )
        return _to_notice(saved.result)
    context = _base(budget, request, form=form, figures=figures, first_day=first_day)
    return render(request, "budgets/oversight/repayment_propose.html", context)


@budget_page("Suspend or end the direct payment", allowed=access.can_monitor_budget)
@require_http_methods(GET_POST)
def stop_propose(request, budget):
    deny_unless(dp_part(budget) is not None)
    first_day = notices.earliest_effect(budget)
    form = StopForm(posted(request), initial={"takes_effect_on": first_day})
    saved = form_saved(
        request,
        form,
        lambda: notices.stop_give_notice(
            budget=budget,
            officer=request.user,
            kind=form.cleaned_data["kind"],
            reason=form.cleaned_data["reason"],
            takes_effect_on=form.cleaned_data["takes_effect_on"],
            submission_key=form.cleaned_data["submission_key"],
        ),
    )
    if saved:
        messages.success(request, "The notice has been given: nothing stops before its date.")
        return _to_notice(saved.result)
    owed = notices.still_to_pay(budget)
    context = _base(
        budget,
        request,
        form=form,
        owed=owed,
        first_day=first_day,
        owed_total=sum((item.amount for item in owed), 0),
    )
    return render(request, "budgets/oversight/stop_propose.html", context)


@budget_page("A written notice", allowed=access.can_see_spending)
@require_safe
def notice(request, budget, notice_id):
    found = _notice(request, budget, notice_id)
    responses = (
        NoticeResponse.objects.visible_to(request.user)
        .filter(notice=found)
        .select_related("by", "acting_for")
        .prefetch_related("evidence")
    )
    today = timezone.localdate()
    officer = _officer(request, budget)
    context = _base(
        budget,
        request,
        notice=found,
        view=notice_view(found),
        responses=responses,
        officer=officer,
        may_reply=access.can_log_spending(request.user, budget.person) and found.is_waiting,
        confirm_problem=notices.confirm_problem(found, today) if officer else "",
        held=ledger.held_balance(part=found.part),
    )
    return render(request, "budgets/oversight/notice.html", context)


@budget_page("Reply to a notice", allowed=access.can_log_spending)
@require_http_methods(GET_POST)
def notice_reply(request, budget, notice_id):
    found = _notice(request, budget, notice_id)
    form = ReplyForm(posted(request), _files(request))
    saved = form_saved(
        request,
        form,
        lambda: notices.notice_respond(
            notice=found,
            user=request.user,
            kind=form.cleaned_data["kind"],
            text=form.cleaned_data["text"],
            accepted_amount=form.cleaned_data["accepted_amount"],
            evidence=[form.cleaned_data["evidence"]] if form.cleaned_data["evidence"] else [],
            submission_key=form.cleaned_data["submission_key"],
        ),
    )
    if saved:
        messages.success(request, "Your reply has been sent. The council reads it before deciding.")
        return _to_notice(found)
    context = _base(budget, request, notice=found, view=notice_view(found), form=form)
    return render(request, "budgets/oversight/notice_reply.html", context)


@budget_page("Notice letter", allowed=access.can_see_spending)
@require_safe
def notice_letter(request, budget, notice_id):
    found = _notice(request, budget, notice_id)
    response = HttpResponse(letters.notice_letter_pdf(found), content_type="application/pdf")
    name = f"notice-{found.given_on.isoformat()}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@budget_page("Confirm a notice", allowed=access.can_monitor_budget)
@require_http_methods(GET_POST)
def notice_confirm(request, budget, notice_id):
    found = _notice(request, budget, notice_id)
    form = ConfirmNoticeForm(posted(request), initial={"amount": found.amount})
    if form_saved(
        request,
        form,
        lambda: notices.notice_confirm(
            notice=found,
            officer=request.user,
            amount=form.cleaned_data["amount"] if found.is_repayment else None,
            note=form.cleaned_data["note"],
        ),
    ):
        found.refresh_from_db()
        messages.success(request, notices.decision_words(found))
        return _to_notice(found)
    responses = found.responses.select_related("by").prefetch_related("evidence")
    context = _base(
        budget,
        request,
        notice=found,
        view=notice_view(found),
        form=form,
        responses=responses,
        problem=notices.confirm_problem(found, timezone.localdate()),
    )
    return render(request, "budgets/oversight/notice_confirm.html", context)


@budget_page("Withdraw a notice", allowed=access.can_monitor_budget)
@require_http_methods(GET_POST)
def notice_withdraw(request, budget, notice_id):
    found = _notice(request, budget, notice_id)
    form = WithdrawForm(posted(request))
    if form_saved(
        request,
        form,
        lambda: notices.notice_withdraw(
            notice=found, officer=request.user, reason=form.cleaned_data["reason"]
        ),
    ):
        messages.success(request, "The notice is withdrawn: nothing will be taken or stopped.")
        return _to_notice(found)
    context = _base(budget, request, notice=found, view=notice_view(found), form=form)
    return render(request, "budgets/oversight/notice_withdraw.html", context)


@budget_page("Lift a suspension or close the account", allowed=access.can_monitor_budget)
@require_http_methods(GET_POST)
def notice_end(request, budget, notice_id):
    """After a suspension: payments start again. After an ending: the account closes."""
    found = _notice(request, budget, notice_id)
    deny_unless(found.kind in (Notice.Kind.SUSPENSION, Notice.Kind.ENDING))
    form = ConfirmForm(posted(request))
    action = (
        notices.suspension_lift if found.kind == Notice.Kind.SUSPENSION else notices.account_close
    )
    if form_saved(request, form, lambda: action(notice=found, officer=request.user)):
        found.refresh_from_db()
        messages.success(request, notices.decision_words(found))
        return _to_notice(found)
    owed = notices.still_to_pay(budget)
    context = _base(
        budget,
        request,
        notice=found,
        view=notice_view(found),
        form=form,
        owed=owed,
        held=ledger.held_balance(part=found.part),
    )
    return render(request, "budgets/oversight/notice_end.html", context)


# Audits.


def _audit(request, budget, audit_id) -> Audit:
    return get_object_or_404(
        Audit.objects.visible_to(request.user)
        .filter(budget=budget)
        .select_related("requested_by", "submitted_by", "completed_by", "statement", "part"),
        id=audit_id,
    )


def _to_audit(audit):
    return redirect("oversight:audit", budget_id=audit.budget_id, audit_id=audit.id)


@budget_page("Ask for a check of the account", allowed=access.can_monitor_budget)
@require_http_methods(GET_POST)
def audit_request(request, budget):
    deny_unless(dp_part(budget) is not None)
    today = timezone.localdate()
    form = AuditRequestForm(
        posted(request),
        initial={
            "period_start": max(budget.starts_on, today - timedelta(weeks=12)),
            "period_end": today,
            "due_by": today + timedelta(days=audits.DAYS_TO_ANSWER),
        },
    )
    saved = form_saved(
        request,
        form,
        lambda: audits.audit_request(
            budget=budget,
            officer=request.user,
            kind=form.cleaned_data["kind"],
            period_start=form.cleaned_data["period_start"],
            period_end=form.cleaned_data["period_end"],
            reason=form.cleaned_data["reason"],
            due_by=form.cleaned_data["due_by"],
        ),
    )
    if saved:
        messages.success(
            request, f"{budget.person.display_name} has been asked to check the account."
        )
        return _to_audit(saved.result)
    return render(
        request, "budgets/oversight/audit_request.html", _base(budget, request, form=form)
    )


@budget_page("A check of the account", allowed=access.can_see_spending)
@require_safe
def audit(request, budget, audit_id):
    found = _audit(request, budget, audit_id)
    lines = audits.audit_lines(found)
    officer = _officer(request, budget)
    may_fill = access.can_log_spending(request.user, budget.person)
    context = _base(
        budget,
        request,
        audit=found,
        lines=lines,
        missing=sum(1 for line in lines if not line.evidenced),
        status=audit_status_words(found),
        may_fill=may_fill and found.status == Audit.Status.WAITING,
        officer=officer,
        notices=found.notices.all(),
    )
    return render(request, "budgets/oversight/audit.html", context)


@budget_page("Evidence for a payment", allowed=access.can_log_spending)
@require_http_methods(GET_POST)
def audit_evidence(request, budget, audit_id, txn_id):
    found = _audit(request, budget, audit_id)
    try:
        txn = audits.audit_transaction(found, txn_id)
    except DomainError:
        deny_unless(False)
    explaining = request.POST.get("action") == "explain"
    receipt_form = AuditReceiptForm(
        posted(request) if not explaining else None, _files(request) if not explaining else None
    )
    explain_form = AuditExplainForm(posted(request) if explaining else None)
    form = explain_form if explaining else receipt_form
    action = (
        (
            lambda: audits.audit_explain(
                audit=found, user=request.user, txn=txn, text=explain_form.cleaned_data["text"]
            )
        )
        if explaining
        else (
            lambda: audits.audit_receipt_add(
                audit=found,
                user=request.user,
                txn=txn,
                checked=receipt_form.cleaned_data["receipt"],
            )
        )
    )
    if form_saved(request, form, action):
        messages.success(request, "Thank you: the evidence for this payment is added.")
        return _to_audit(found)
    context = _base(
        budget,
        request,
        audit=found,
        txn=txn,
        description=budget_presenters.describe(txn),
        receipt_form=receipt_form,
        explain_form=explain_form,
        form=form,
    )
    return render(request, "budgets/oversight/audit_evidence.html", context)


@budget_page("Send a check to the council", allowed=access.can_log_spending)
@require_http_methods(GET_POST)
def audit_submit(request, budget, audit_id):
    found = _audit(request, budget, audit_id)
    form = AuditSubmitForm(posted(request))
    if form_saved(
        request,
        form,
        lambda: audits.audit_submit(audit=found, user=request.user, note=form.cleaned_data["note"]),
    ):
        messages.success(request, "You sent the check to the council. Thank you.")
        return _to_audit(found)
    lines = audits.audit_lines(found)
    context = _base(
        budget,
        request,
        audit=found,
        form=form,
        missing=sum(1 for line in lines if not line.evidenced),
    )
    return render(request, "budgets/oversight/audit_submit.html", context)


@budget_page("Audit summary", allowed=access.can_monitor_budget)
@require_http_methods(GET_POST)
def audit_summary(request, budget, audit_id):
    found = _audit(request, budget, audit_id)
    figures = audits.audit_figures(found)
    form = AuditSummaryForm(
        posted(request),
        initial={
            "requested_back": figures.surplus,
            "takes_effect_on": notices.earliest_effect(budget),
            "method": Notice.Method.TAKE,
        },
    )
    if form_saved(
        request,
        form,
        lambda: audits.audit_complete(
            audit=found,
            officer=request.user,
            completion=audits.Completion(
                requested_back=form.cleaned_data["requested_back"],
                notes=form.cleaned_data["notes"],
                actions=form.cleaned_data["actions"],
                method=form.cleaned_data["method"],
                takes_effect_on=form.cleaned_data["takes_effect_on"],
                why_more=form.cleaned_data["why_more"],
            ),
        ),
    ):
        messages.success(request, "The audit summary is written.")
        return _to_audit(found)
    lines = audits.audit_lines(found)
    context = _base(
        budget,
        request,
        audit=found,
        figures=figures,
        form=form,
        missing=sum(1 for line in lines if not line.evidenced),
        line_count=len(lines),
    )
    return render(request, "budgets/oversight/audit_summary.html", context)

"""Scheduled jobs (config/settings/base.py CELERY_BEAT_SCHEDULE) and background work for
budgets: thin wrappers that take ids and call a service."""

from celery import shared_task

from . import reminders


@shared_task(acks_late=True)
def spending_reminders() -> int:
    """Kind reminders to record spending, once per person per period."""
    return reminders.spending_reminders_send()


@shared_task(acks_late=True)
def contributions_daily() -> int:
    """Check every contribution (paid, late, missing) and tell people about late ones."""
    return reminders.contributions_check_all()


@shared_task(acks_late=True)
def employer_reminders() -> int:
    """Reminders ahead of employer's liability insurance renewals and PAs' DBS checks."""
    from .employment.reminders import employer_reminders_send

    return employer_reminders_send()


@shared_task(acks_late=True)
def notice_periods_end() -> int:
    """Written notices whose time to reply has ended are ready for the council to decide."""
    from .oversight import notices

    return notices.notice_periods_end()


@shared_task(acks_late=True)
def returns_due() -> int:
    """A return for the period just ended (quarterly unless the council says otherwise), for
    each direct payment held in a bank account."""
    from .oversight import audits

    return audits.returns_due()


@shared_task(acks_late=True, bind=True, max_retries=2, default_retry_delay=30)
def make_audit_statement(self, statement_id: str) -> str:
    """Make an audit statement's PDF and CSV; a failure is tried again, then shown as failed."""
    from .audit import services

    try:
        return services.audit_statement_make(statement_id=statement_id)
    except Exception as error:
        if self.request.called_directly or self.request.retries >= self.max_retries:
            services.audit_statement_failed(statement_id=statement_id, problem=str(error))
            raise
        raise self.retry(exc=error) from error


@shared_task(acks_late=True)
def pay_payment_run(run_id: str) -> str:
    """Pay a confirmed payment run, all or nothing; a redelivered or second task pays nothing
    more. A failure is not tried again here: the run is shown as failed, with the reason, to
    the finance officers, who can confirm it again."""
    from .payments import runs

    run = runs.payment_run_pay(run_id=run_id)
    return run.status if run else "unknown run"


@shared_task(acks_late=True)
def payment_runs_stuck() -> int:
    """Queue again the payment of any run still being paid long after it was confirmed."""
    from .payments import runs

    return runs.stuck_runs_queue_again()


@shared_task(acks_late=True)
def monitoring_rows_nightly() -> int:
    """Every monitoring row written again from the record (contributions falling due today are
    counted, and any drift is put right); how many rows were written."""
    from .monitoring import rows

    return rows.rows_refresh_all()

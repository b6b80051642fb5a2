"""`make bench`: the service as in production, under load, beside its floors (docs/quality.md
#20-22, #27). Not part of `make test`; takes about 25 minutes on a 2-core machine.

1. A fresh PostgreSQL database (BENCH_DATABASE, default pb_bench), migrated, and the data set
   of tests/perf/seeding.py: 10,000 budgets and 2,000,000 ledger entries (BENCH_BUDGETS,
   BENCH_PER_BUDGET; `--national` adds 110,000 budgets at 152 other councils, about 25,000,000
   entries in all).
2. gunicorn with the Dockerfile's own command line (its worker count), production settings.
3. Each page, signed in as the role that uses it, driven by wrk at 8 and then 32 connections
   for BENCH_SECONDS each; beside it a trivial view (/healthz/ with the same session cookie),
   driven at 8 connections for half as long just before each page, and the page's own SQL:
   every SELECT the page ran, replayed by pgbench at the same concurrency (the database
   floor: the page cannot be quicker than its reads). The machine's speed can drift (on
   7 December the same pages' SQL floors doubled between two runs half an hour apart), so each
   page is compared with the trivial view measured next to it, not with the one at the start.
4. The batch jobs at this size, each in its own process (its time and peak memory): payment run
   preview and confirmation, the daily contributions check and reminders, the review
   reminders, the nightly review dates, ledger_check, and audit statements made by the task a
   Celery worker runs.
5. The PDF and import benchmarks (pytest tests/perf).
6. Results to test-artifacts/bench/production-<when>.md (and .json, and .svg: the plot);
   the exit status is 1 if any bar is missed. The database is dropped and gunicorn stopped at
   the end (`--keep` keeps the database).

Run it with `make bench` (or `.venv/bin/python -m tests.perf.bench --help`).
"""

import argparse
import http.client
import json
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "test-artifacts" / "bench"
PYTHON = sys.executable
PG = {"host": "127.0.0.1", "port": "5432", "user": "postgres"}

# The bars (docs/quality.md #21, #27 and issue 15), on a 2-core machine, in one run.
TIMES_TRIVIAL = 3.0  # a page's p95 at 8 clients, against the trivial view's
TIMES_FLOOR = 2.0  # a page's p95 at 8 clients, against its own SQL's p95 at 8 clients
BAR_CLIENTS = 8
CLIENTS = [int(n) for n in os.environ.get("BENCH_CLIENTS", "8,32").split(",")]
WEB_WORKER_MB = 300  # peak RSS of one gunicorn worker after the whole load
STATEMENT_WORKER_MB = 500  # peak RSS of a process making audit statements (a Celery worker)
# Seconds for each batch job at 10,000 budgets. The payment run's preview runs in a web request
# (budgets/payments/views.py), so it must finish inside gunicorn's 30 s worker timeout; the daily
# jobs run in Celery and must leave the day's other work room.
JOB_SECONDS = {
    "payment run preview": 25,
    # Confirming a run only queues it: a Celery task pays it (budgets.tasks.pay_payment_run), so
    # the 30 s web timeout does not apply. The bar is the issue's: posting 500 payments at a
    # time (ledger.post_payments_in) took a run that needed 37-61 s (8 queries a payment) to
    # about 13 s on the 2-core machine.
    "payment run (10,000 payments, all or nothing)": 30,
    "contributions check (daily)": 60,
    "spending reminders (daily)": 120,
    "review reminders (daily)": 60,
    "review dates (nightly)": 60,
    "monitoring rows (nightly)": 60,
    "ledger_check": 60,
    "audit statements, 3 of 12 months": 15,
}
JOB_MB = 500  # peak RSS of any batch job's process

BENCH_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "bench-only-" + "x" * 60,
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "LOG_LEVEL": "WARNING",
    "PRIVATE_MEDIA_ROOT": str(Path(tempfile.gettempdir()) / "bench-private-media"),
}

# Each request takes the next of the page's sessions (SESSIONS of them), as different people
# would: one shared session made every staff request wait on the same session row's update.
SESSIONS = 32
WRK_SCRIPT = """
local n = 0
request = function()
  n = n % #cookies + 1
  local headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  headers["Cookie"] = cookies[n]
  return wrk.format(nil, nil, headers)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "seconds": %.3f, "bad_status": %d, "socket_errors": %d, '
    .. '"p50": %.3f, "p95": %.3f, "p99": %.3f}\\n',
    summary.requests, summary.duration / 1e6, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1e3, latency:percentile(95) / 1e3, latency:percentile(99) / 1e3))
end
"""


def log(message: str) -> None:
    print(f"{datetime.now():%H:%M:%S} {message}", flush=True)


def database_url(name: str) -> str:
    return f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{name}"


def run_env(name: str) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env.update(BENCH_ENV, DATABASE_URL=database_url(name), GUNICORN_CMD_ARGS="--log-level warning")
    return env


def pg_args() -> list[str]:
    return ["-h", PG["host"], "-p", PG["port"], "-U", PG["user"]]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


# --- 1. The database -------------------------------------------------------------------------


def prepare(name: str) -> None:
    subprocess.run(["dropdb", *pg_args(), "--if-exists", name], check=True)
    subprocess.run(["createdb", *pg_args(), name], check=True)
    env = run_env(name)
    subprocess.run([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], env=env, check=True)
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--no-input", "-v", "0"], env=env, check=True
    )


def setup_django(name: str) -> None:
    os.environ.update(run_env(name))
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def sign_in(user) -> str:
    """A real session for the user, as the sign-in page would make (MFA done for staff)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


# --- 2. The pages and their SQL ----------------------------------------------------------------


def pages(world: dict) -> list[dict]:
    from django.urls import reverse

    officer, worker, sam = world["officer"], world["social_worker"], world["sam"].user
    budget = world["budget"]
    monitoring = reverse("monitoring:accounts")
    found = [
        ("trivial view (/healthz/)", reverse("people:healthz"), officer),
        ("monitoring list (by exception)", monitoring, officer),
    ]
    from budgets.monitoring.services import SORTS, show_choices
    from people.council_settings.services import council_settings_in_force

    settings = council_settings_in_force(world["council"], None)
    for key in show_choices(settings):
        found.append((f"monitoring: show {key}", f"{monitoring}?show={key}", officer))
    for key in SORTS:
        found.append((f"monitoring: sort {key}", f"{monitoring}?sort={key}", officer))
    found += [
        (
            "monitoring: quiet, oldest record first",
            f"{monitoring}?show=quiet&sort=last_record",
            officer,
        ),
        ("monitoring: surplus by weeks held", f"{monitoring}?show=surplus&sort=weeks", officer),
        (
            "ledger (300 transactions)",
            reverse("monitoring:ledger", args=[world["held_account"].id]),
            officer,
        ),
        ("questions queue", reverse("spending:flag_queue"), officer),
        ("review list", reverse("reviews:list"), worker),
        (
            "person's dashboard (300 transactions)",
            reverse("budgets:dashboard", args=[budget.id]),
            sam,
        ),
        ("person's money list (300 transactions)", reverse("budgets:money", args=[budget.id]), sam),
        ("audit statement request", reverse("audit:statements", args=[budget.id]), sam),
    ]
    return [{"name": name, "path": path, "user": user} for name, path, user in found]


def capture_sql(page: dict) -> list[str]:
    """Every SELECT the page runs, as sent to PostgreSQL."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(page["user"])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page["path"], secure=True)
    assert response.status_code == 200, (page["name"], response.status_code)
    page["queries"] = len(queries.captured_queries)
    return [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().startswith("SELECT")]


# --- 3. Load ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dockerfile_command(port: int) -> list[str]:
    """The Dockerfile's gunicorn command line, bound to this machine's loopback."""
    text = (ROOT / "Dockerfile").read_text()
    command = json.loads(re.search(r"^CMD (\[.*\])$", text, re.MULTILINE).group(1))
    command[command.index("--bind") + 1] = f"127.0.0.1:{port}"
    return [str(Path(PYTHON).parent / command[0]), *command[1:]]


def start_gunicorn(name: str, port: int) -> subprocess.Popen:
    command = dockerfile_command(port)
    log("gunicorn: " + " ".join(command[1:]))
    server = subprocess.Popen(command, env=run_env(name), cwd=ROOT, start_new_session=True)
    for _ in range(100):
        try:
            status, _ = get(port, "/healthz/", "")
            if status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    stop(server)
    raise RuntimeError("gunicorn did not start")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def get(port: int, path: str, cookie: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path, headers={"Cookie": cookie, "X-Forwarded-Proto": "https"})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, body


def wrk(port: int, page: dict, clients: int, seconds: int, script: Path) -> dict:
    cookies = ", ".join(f'"{cookie}"' for cookie in page["cookies"])
    page_script = script.with_name(f"{script.stem}-{abs(hash(page['name']))}.lua")
    page_script.write_text(f"cookies = {{{cookies}}}\n" + script.read_text())
    command = [
        "wrk", "-t", "2", "-c", str(clients), "-d", f"{seconds}s", "--timeout", "60s",
        "-s", str(page_script), "-H", "X-Forwarded-Proto: https",
        f"http://127.0.0.1:{port}{page['path']}",
    ]  # fmt: skip
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    found = json.loads(out.split("BENCH ", 1)[1])
    if not found["requests"]:  # not one answer in the time: at least that long
        found.update(p50=seconds * 1000.0, p95=seconds * 1000.0, p99=seconds * 1000.0)
        found["socket_errors"] += 1
    return found


def pgbench(name: str, sql_file: Path, clients: int, seconds: int) -> dict:
    """The page's SELECTs run back to back by `clients` connections: per-page latencies."""
    with tempfile.TemporaryDirectory() as logs:
        command = [
            "pgbench", *pg_args(), "-n", "-f", str(sql_file), "-c", str(clients), "-j", "2",
            "-T", str(seconds), "-l", "--log-prefix", f"{logs}/run", name,
        ]  # fmt: skip
        # The app's own connection options (jit=off: config/settings/base.py), or the floor
        # would be measured on a database the app never talks to.
        from django.conf import settings

        options = settings.DATABASES["default"].get("OPTIONS", {}).get("options", "")
        env = os.environ | {"PGOPTIONS": options}
        subprocess.run(command, capture_output=True, text=True, check=True, env=env)
        latencies = []
        for log_file in Path(logs).iterdir():
            for line in log_file.read_text().splitlines():
                latencies.append(int(line.split()[2]) / 1000)
    return {
        "requests": len(latencies),
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "p99": percentile(latencies, 99),
    }


def _workers_cpu(server: subprocess.Popen) -> int:
    """CPU time (clock ticks) the gunicorn workers have used so far."""
    total = 0
    for pid in Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split():
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total


def _queries_running(name: str) -> int:
    """Queries the database is answering for anyone but this check."""
    out = subprocess.run(
        ["psql", *pg_args(), "-tAc", "SELECT count(*) FROM pg_stat_activity WHERE datname = "
         f"'{name}' AND state = 'active' AND pid <> pg_backend_pid()", name],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return int(out.stdout.strip() or 0)


def drain(server: subprocess.Popen, name: str, timeout: float = 300) -> None:
    """Wait until the workers are idle (no CPU used, no query running): requests wrk left
    queued when it stopped are still served, and must not be counted against the next page."""
    deadline = time.monotonic() + timeout
    before = _workers_cpu(server)
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = _workers_cpu(server)
        if now - before <= 1 and not _queries_running(name):
            return
        before = now


def worker_peaks(server: subprocess.Popen) -> list[float]:
    """Peak resident memory (VmHWM) of each gunicorn worker, in MB."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    peaks = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(int(line.split()[1]) / 1024)
    return peaks


# --- 4. Batch jobs, each in its own process ----------------------------------------------------


def job(which: str, name: str) -> dict:
    """Run one batch job here (called in a child process); its time and this process's peak."""
    setup_django(name)
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from budgets import reminders
    from budgets.audit.services import audit_statement_request
    from budgets.models import AuditStatement, PersonalBudget
    from budgets.payments import runs
    from people.models import Organisation, User
    from reviews.reminders import review_reminders_send
    from reviews.stored_dates import review_dates_refresh_all

    council = Organisation.objects.get(name="Benchshire Council")
    officer = User.objects.get(full_name="Bench Officer")
    today = timezone.localdate()
    # The first cycle from today that no run has paid: a reused database keeps earlier runs.
    cycle_start = max(today, runs.next_cycle_start(council) or today)
    started = time.perf_counter()
    detail = ""
    if which == "payment run preview":
        due = runs.due_payments(council, cycle_start)
        detail = f"{len(due)} due, £{sum(d.amount for d in due):,.2f}"
    elif which.startswith("payment run ("):
        # The officer's confirmation queues the task; with no broker here the task runs as the
        # confirmation commits, through the service a Celery worker calls (payment_run_pay).
        run, confirmed = runs.payment_run_confirm(
            authority=council, cycle_start=cycle_start, user=officer
        )
        if not confirmed:
            raise RuntimeError(f"The cycle from {cycle_start} was paid already: nothing timed")
        run.refresh_from_db()
        if not run.is_paid:
            raise RuntimeError(f"The run was not paid: {run.problem}")
        detail = f"{run.payments} payments, £{run.total:,.2f} (the task's code path)"
    elif which == "contributions check (daily)":
        detail = f"{reminders.contributions_check_all()} messages"
    elif which == "spending reminders (daily)":
        detail = f"{reminders.spending_reminders_send()} messages"
    elif which == "review reminders (daily)":
        detail = f"{review_reminders_send()} messages"
    elif which == "review dates (nightly)":
        detail = f"everyone's worked out again, {review_dates_refresh_all()} changed"
    elif which == "monitoring rows (nightly)":
        from budgets.monitoring.rows import rows_refresh_all

        detail = f"{rows_refresh_all()} rows written again from the record"
    elif which == "ledger_check":
        call_command("ledger_check", stdout=open(os.devnull, "w"))
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM budgets_entry")
            detail = f"{cursor.fetchone()[0]:,} entries consistent"
    elif which.startswith("audit statements"):
        budget = PersonalBudget.objects.get(person__first_name="Sam", person__last_name="Bench")
        from datetime import timedelta

        for year in range(3):
            end = today - timedelta(days=365 * year)
            with transaction.atomic():  # the task runs as the request commits (no broker)
                audit_statement_request(
                    budget=budget,
                    user=budget.person.user,
                    start=end - timedelta(days=364),
                    end=end,
                )
        made = AuditStatement.objects.filter(budget=budget, status="ready").count()
        detail = f"{made} made (PDF and CSV), each about 100 transactions"
    else:
        raise ValueError(which)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"job": which, "seconds": seconds, "peak_mb": peak, "detail": detail}


def run_job(which: str, name: str) -> dict:
    out = subprocess.run(
        [PYTHON, "-m", "tests.perf.bench", "--job", which, "--database", name],
        cwd=ROOT,
        env=run_env(name),
        capture_output=True,
        text=True,
    )
    if out.returncode:
        return {"job": which, "seconds": float("nan"), "peak_mb": float("nan"),
                "detail": "failed: " + out.stderr.strip().splitlines()[-1]}  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def perf_tests(name: str) -> list[str]:
    """The PDF and import benchmarks (pytest tests/perf) on PostgreSQL; their result lines."""
    env = run_env(name)
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    before = {f: f.read_text() if f.exists() else "" for f in result_files()}
    out = subprocess.run(
        [PYTHON, "-m", "pytest", "tests/perf", "-p", "no:cacheprovider", "-o", "addopts=",
         "-q", "-n", "0"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    lines = []
    for f in result_files():
        new = f.read_text()[len(before.get(f, "")) :] if f.exists() else ""
        lines += [f"{f.stem}: {line[17:]}" for line in new.splitlines()]
    failed = [line for line in out.stdout.splitlines() if line.startswith("FAILED ")]
    status = (
        "passed"
        if out.returncode == 0
        else "FAILED: " + "; ".join(failed or out.stdout.strip().splitlines()[-1:])
    )
    return lines + [f"pytest tests/perf {status}"]


def result_files() -> list[Path]:
    return [RESULTS / "statement_pdf.txt", RESULTS / "statement_import.txt"]


# --- 5. Results ---------------------------------------------------------------------------------


def svg_plot(rows: list[dict], path: Path) -> None:
    """p95 at 8 clients for each page, its SQL floor beside it, and a mark at 3× the trivial
    view measured just before it."""
    label_w, bar_w, row_h = 330, 520, 26
    top = 50
    height = top + row_h * len(rows) + 40
    biggest = max(max(r["load"][BAR_CLIENTS]["p95"], r["floor"][BAR_CLIENTS]["p95"])
                  for r in rows)  # fmt: skip
    biggest = max(biggest, *(r["trivial_p95"] * TIMES_TRIVIAL for r in rows)) * 1.05
    x = lambda ms: label_w + bar_w * ms / biggest  # noqa: E731
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + bar_w + 90}" '
        f'height="{height}" font-family="Arial, sans-serif" font-size="12">',
        '<rect width="100%" height="100%" fill="white"/>',
        f'<text x="10" y="20" font-size="14" font-weight="bold">p95 at {BAR_CLIENTS} clients '
        "(ms): page (dark) and its SQL floor (light)</text>",
        f'<text x="10" y="38">Red mark: {TIMES_TRIVIAL:g}× the trivial view measured just '
        "before the page</text>",
    ]
    for n, row in enumerate(rows):
        y = top + n * row_h
        page, floor = row["load"][BAR_CLIENTS]["p95"], row["floor"][BAR_CLIENTS]["p95"]
        parts += [
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{row["name"]}</text>',
            f'<rect x="{label_w}" y="{y + 2}" width="{x(page) - label_w:.1f}" height="11" '
            'fill="#1d70b8"/>',
            f'<rect x="{label_w}" y="{y + 13}" width="{x(floor) - label_w:.1f}" height="8" '
            'fill="#9fc3e7"/>',
            f'<text x="{x(page) + 4:.1f}" y="{y + 12}">{page:.0f}</text>',
            f'<line x1="{x(row["trivial_p95"] * TIMES_TRIVIAL):.1f}" y1="{y}" '
            f'x2="{x(row["trivial_p95"] * TIMES_TRIVIAL):.1f}" y2="{y + row_h - 2}" '
            'stroke="#d4351c" stroke-width="2"/>',
        ]
    parts.append("</svg>")
    path.write_text("\n".join(parts) + "\n")


def write_results(report: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = RESULTS / f"production-{report['started']:%Y%m%d-%H%M}"
    rows, trivial = report["pages"], report["pages"][0]["load"][BAR_CLIENTS]["p95"]
    lines = [
        f"# make bench, {report['started']:%Y-%m-%d %H:%M}",
        "",
        f"{report['budgets']:,} budgets at the bench council ({report['all_budgets']:,} in all), "
        f"{report['entries']:,} ledger entries, seeded in {report['seed_seconds']:.0f} s. "
        f"gunicorn {report['workers']} workers (the Dockerfile's), wrk {report['seconds']} s a "
        f"page at each concurrency; the SQL floor is the page's own SELECTs replayed by pgbench "
        f"at the same concurrency. Times in ms. {os.cpu_count()} cores.",
        "",
        "| page | queries | p50 / p95 / p99 at 8 | p50 / p95 / p99 at 32 | SQL floor p95 at 8 "
        "/ 32 | trivial beside it (p95, 8) | × trivial (p95, 8) | × floor (p95, 8) | bars |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        load, floor = row["load"], row["floor"]
        fig = lambda r: f"{r['p50']:.0f} / {r['p95']:.0f} / {r['p99']:.0f}" if r else "-"  # noqa: E731
        p95 = lambda r: f"{r['p95']:.1f}" if r else "-"  # noqa: E731
        lines.append(
            f"| {row['name']} | {row['queries']} | {fig(load.get(8))} | {fig(load.get(32))} | "
            f"{p95(floor.get(8))} / {p95(floor.get(32))} | {row['trivial_p95']:.0f} | "
            f"{row['x_trivial']:.1f} | "
            f"{row['x_floor']:.1f} | {'ok' if row['ok'] else 'MISSED'} |"
        )
    lines += [
        "",
        f"Bars: p95 at {BAR_CLIENTS} clients ≤ {TIMES_TRIVIAL:g}× the trivial view measured "
        f"just before the page ({trivial:.0f} ms at the start of the run) and ≤ "
        f"{TIMES_FLOOR:g}× the page's own SQL floor (where the floor is above the trivial "
        "view's; otherwise the trivial bar alone).",
        "",
        "## Memory",
        "",
        f"Peak RSS of each gunicorn worker after the whole load: "
        f"{', '.join(f'{mb:.0f}' for mb in report['web_peaks'])} MB (bar {WEB_WORKER_MB} MB).",
        "",
        "## Batch jobs (each in its own process)",
        "",
        "| job | seconds | bar | peak RSS MB | what |",
        "| --- | --- | --- | --- | --- |",
    ]
    for row in report["jobs"]:
        lines.append(
            f"| {row['job']} | {row['seconds']:.1f} | ≤ {row['bar']} s | {row['peak_mb']:.0f} "
            f"(≤ {row['bar_mb']}) | {row['detail']} |"
        )
    lines += ["", "## PDF and import (pytest tests/perf)", ""]
    lines += [f"- {line}" for line in report["perf_tests"]]
    lines += ["", "## Bars missed", ""] + ([f"- {m}" for m in report["missed"]] or ["None."])
    stem.with_suffix(".md").write_text("\n".join(lines) + "\n")
    stem.with_suffix(".json").write_text(json.dumps(report, default=str, indent=1))
    svg_plot(rows, stem.with_suffix(".svg"))
    return stem.with_suffix(".md")


# --- The run -------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=os.environ.get("BENCH_DATABASE", "pb_bench"))
    parser.add_argument("--national", action="store_true", help="120,000 budgets, 153 councils")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="use the database as it is")
    parser.add_argument("--only", default="", help="only pages whose name has this text")
    parser.add_argument("--no-batch", action="store_true")
    parser.add_argument("--job", help=argparse.SUPPRESS)
    args = parser.parse_args()
    # Stopped (kill, Ctrl-C): still stop gunicorn and drop the database in `finally`.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGINT, lambda *_: sys.exit(130))
    if args.job:
        print(json.dumps(job(args.job, args.database)))
        return 0
    for tool in ("wrk", "pgbench", "createdb"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is needed: apt-get install wrk postgresql-client")
    budgets = int(os.environ.get("BENCH_BUDGETS", 10_000))
    # 104 transactions (208 entries) a budget: 25,000,000 entries at 120,000 budgets.
    per_budget = int(os.environ.get("BENCH_PER_BUDGET", 104 if args.national else 100))
    others = int(os.environ.get("BENCH_OTHER_BUDGETS", 110_000 if args.national else 0))
    councils = 152 if others else 0
    seconds = int(os.environ.get("BENCH_SECONDS", 8))
    report = {"started": datetime.now(), "budgets": budgets, "seconds": seconds}
    name = args.database
    server = None
    try:
        if not args.reuse:
            log(f"database {name}: migrate")
            prepare(name)
        setup_django(name)

        if args.reuse:
            from tests.perf.seeding import world_from_database

            world = world_from_database()
        else:
            from tests.perf.seeding import seed

            log(f"seeding {budgets:,} budgets (+{others:,} elsewhere), {per_budget} each")
            world = seed(budgets=budgets, per_budget=per_budget, others=others, councils=councils)
        report.update(
            entries=world["entries"],
            seed_seconds=world["seconds"],
            all_budgets=budgets + others,
        )
        log(f"{world['entries']:,} entries in {world['seconds']:.0f} s")
        found = [p for p in pages(world) if args.only.lower() in p["name"].lower() or
                 p["name"].startswith("trivial")]  # fmt: skip
        workdir = Path(tempfile.mkdtemp(prefix="bench-"))
        script = workdir / "report.lua"
        script.write_text(WRK_SCRIPT)
        for n, page in enumerate(found):
            sql = capture_sql(page)
            page["sql_file"] = workdir / f"page{n}.sql"
            page["sql_file"].write_text("".join(f"{q};\n" for q in sql))
            page["cookies"] = [f"sessionid={sign_in(page['user'])}" for _ in range(SESSIONS)]
            page["cookie"] = page["cookies"][0]
        from django.db import connections

        connections.close_all()
        port = free_port()
        server = start_gunicorn(name, port)
        command = dockerfile_command(port)
        report["workers"] = int(command[command.index("--workers") + 1])
        for page in found:  # each page answers, and every worker has served it (warm)
            for _ in range(2 * report["workers"]):
                status, body = get(port, page["path"], page["cookie"])
                assert status == 200, (page["name"], status, body[:300])
            page["load"], page["floor"] = {}, {}
        trivial_page = found[0]
        for clients in CLIENTS:
            for page in found:
                if clients == BAR_CLIENTS and page is not trivial_page:
                    page["beside"] = wrk(port, trivial_page, clients, seconds // 2, script)
                page["load"][clients] = wrk(port, page, clients, seconds, script)
                drain(server, name)
                page["floor"][clients] = pgbench(name, page["sql_file"], clients, seconds // 2)
                beside = ""
                if clients == BAR_CLIENTS and "beside" in page:
                    beside = f", trivial beside it {page['beside']['p95']:.0f} ms"
                log(
                    f"{page['name']}: {clients} clients p95 {page['load'][clients]['p95']:.0f} "
                    f"ms (floor {page['floor'][clients]['p95']:.1f} ms{beside}, "
                    f"{page['load'][clients]['requests']} requests)"
                )
        report["web_peaks"] = worker_peaks(server)
        stop(server)
        server = None
        missed = []
        for page in found:
            load, floor = page["load"][BAR_CLIENTS], page["floor"][BAR_CLIENTS]
            trivial = page.get("beside", load)["p95"]
            page["trivial_p95"] = trivial
            page["x_trivial"] = load["p95"] / trivial
            page["x_floor"] = load["p95"] / floor["p95"] if floor["p95"] else float("inf")
            page["ok"] = page["x_trivial"] <= TIMES_TRIVIAL and (
                floor["p95"] <= trivial or page["x_floor"] <= TIMES_FLOOR
            )
            bad = sum(page["load"][c]["bad_status"] + page["load"][c]["socket_errors"]
                      for c in CLIENTS)  # fmt: skip
            if bad:
                page["ok"] = False
                missed.append(f"{page['name']}: {bad} failed requests")
            if not page["ok"]:
                missed.append(
                    f"{page['name']}: p95 {load['p95']:.0f} ms = {page['x_trivial']:.1f}× "
                    f"trivial, {page['x_floor']:.1f}× its SQL floor"
                )
        for peak in report["web_peaks"]:
            if peak > WEB_WORKER_MB:
                missed.append(f"a gunicorn worker peaked at {peak:.0f} MB")
        report["pages"] = [
            {k: v for k, v in page.items() if k not in ("user", "cookie", "cookies", "sql_file")}
            for page in found
        ]
        report["jobs"] = []
        report["perf_tests"] = []
        if not args.no_batch:
            for which, bar in JOB_SECONDS.items():
                log(f"job: {which}")
                row = run_job(which, name)
                row["bar"] = bar
                row["bar_mb"] = STATEMENT_WORKER_MB if which.startswith("audit") else JOB_MB
                report["jobs"].append(row)
                log(f"  {row['seconds']:.1f} s, {row['peak_mb']:.0f} MB: {row['detail']}")
                if not row["seconds"] <= bar:
                    missed.append(f"{which}: {row['seconds']:.1f} s (bar {bar} s)")
                if not row["peak_mb"] <= row["bar_mb"]:
                    missed.append(f"{which}: {row['peak_mb']:.0f} MB (bar {row['bar_mb']} MB)")
            log("pytest tests/perf (PDF and import)")
            report["perf_tests"] = perf_tests(name)
            if not report["perf_tests"][-1].endswith("passed"):
                missed.append(report["perf_tests"][-1])
        report["missed"] = missed
        path = write_results(report)
        log(f"results: {path}")
        print(path.read_text())
        return 1 if missed else 0
    finally:
        if server is not None:
            stop(server)
        if not args.keep:
            from django.db import connections

            connections.close_all()
            subprocess.run(["dropdb", *pg_args(), "--if-exists", name], check=False)


if __name__ == "__main__":
    sys.exit(main())

"""Real Chromium (Debian's) driven by Playwright, with axe-core run on every page visited."""

import os
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from assessments import demo as assessments_demo
from budgets.models import PersonalBudget
from people.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, current_totp_code, seed_demo
from people.models import Person, User
from support_plans import services as plan_services
from tests.builders import complete_eligible_assessment, ready_plan

# Playwright's sync API runs an event loop in this thread; the ORM calls in fixtures are safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def demo(transactional_db):
    """The demo council, providers and a login for every persona."""
    seed_demo()


AXE_OPTIONS = (
    "{resultTypes: ['violations'],"
    " runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}"
)
# Runs axe-core on every page the browser loads, and reports what it finds to the test.
AXE_ON_EVERY_PAGE = f"""
window.addEventListener('load', () => {{
  if (window.top !== window || !window.axe || window.__reflowCheckOnly) return;
  const where = location.pathname + location.search;
  window.__axeStarted(where);
  window.__axeDone = axe.run(document, {AXE_OPTIONS}).then((results) => {{
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${{v.id}} (${{v.impact}}): ${{v.help}} at ${{JSON.stringify(
        v.nodes.slice(0, 3).map((n) => n.target))}}`);
    return window.__axeReport(where, serious);
  }});
}});
"""


class AxeLog:
    """What the automatic check saw: pages it started on, pages it finished, and problems."""

    def __init__(self):
        self.started, self.checked, self.problems = [], [], []

    def start(self, source, where):
        self.started.append(where)

    def report(self, source, where, serious):
        self.checked.append(where)
        self.problems += [f"{where}: {problem}" for problem in serious]


# WCAG 1.4.10 reflow (docs/quality.md #26): at 320 CSS pixels wide nothing but a table's own
# container may scroll sideways.
REFLOW_WIDTH = 320
REFLOW_HEIGHT = 640
MEASURE_REFLOW = "() => [document.documentElement.scrollWidth, window.innerWidth]"


# Pages already opened at 320 pixels in this test process, by route and query keys (and
# whether the answer was an error page): one page for each is enough to find a layout that
# scrolls sideways, and checking /budgets/1/ and /budgets/2/ both doubles the time for nothing.
REFLOW_SEEN: set[tuple] = set()


def _reflow_shape(url: str, status: int) -> tuple:
    from urllib.parse import parse_qsl, urlsplit

    from django.urls import Resolver404, resolve

    parts = urlsplit(url)
    try:
        route = resolve(parts.path).route
    except Resolver404:
        route = parts.path
    return route, tuple(sorted({key for key, _ in parse_qsl(parts.query)})), status >= 400


class ReflowLog:
    """The pages (GET, HTML) a browser loaded, to open again 320 pixels wide, and what was found.

    Every main-frame navigation answered with an HTML page is kept once, in the order first
    seen, unless a page of the same route (and query keys) was already checked in this test
    process. Downloads (PDFs, CSV, receipts), redirects and POST answers are left out: the GET
    of the same address is what a phone would show, and opening it again has no side effects.
    """

    def __init__(self):
        self.urls, self.checked, self.problems = [], [], []
        self.skipped = 0
        self.checking = False

    def saw(self, response) -> None:
        if self.checking:
            return
        request = response.request
        if request.method != "GET" or not request.is_navigation_request():
            return
        if request.frame.parent_frame is not None or 300 <= response.status < 400:
            return
        headers = response.headers
        if not headers.get("content-type", "").startswith("text/html"):
            return
        if "attachment" in headers.get("content-disposition", ""):
            return
        if response.url in self.urls:
            return
        shape = _reflow_shape(response.url, response.status)
        if shape in REFLOW_SEEN:
            self.skipped += 1
            return
        REFLOW_SEEN.add(shape)
        self.urls.append(response.url)

    def check(self, context) -> None:
        """Open each page again in a 320-pixel-wide page of the same browser (same cookies)."""
        if not self.urls:
            return
        self.checking = True
        narrow = context.new_page()
        narrow.set_viewport_size({"width": REFLOW_WIDTH, "height": REFLOW_HEIGHT})
        # Axe has already checked these pages: this page only measures them.
        narrow.add_init_script(script="window.__reflowCheckOnly = true;")
        try:
            for url in self.urls:
                try:
                    narrow.goto(url, wait_until="load")
                    scroll_width, inner_width = narrow.evaluate(MEASURE_REFLOW)
                except Exception as error:  # a download or an error page: nothing to measure
                    if "Download is starting" in str(error):
                        continue
                    raise
                self.checked.append(url)
                if scroll_width > REFLOW_WIDTH:
                    shown = url if narrow.url == url else f"{url} (shown as {narrow.url})"
                    self.problems.append(
                        f"{shown}: {scroll_width} pixels wide at {inner_width} "
                        "(the page scrolls sideways on a phone)"
                    )
        finally:
            narrow.close()
            self.checking = False


@pytest.fixture
def peggy_budget(demo):
    """Peggy's approved plan (written by David, her son and nominated person): £150 a week."""
    assessments_demo.seed_demo()
    staff = {u.email: u for u in User.objects.filter(email__endswith="@example.org")}
    peggy = Person.objects.get(first_name="Margaret", last_name="Hughes")
    david = staff["nominated@example.org"]
    complete_eligible_assessment(peggy, staff["social.worker@example.org"], indicative_weekly="300")
    plan = ready_plan(peggy, david)
    plan_services.plan_submit(plan=plan, user=david)
    plan_services.plan_check(plan=plan, user=staff["social.worker@example.org"])
    plan_services.plan_decide(plan=plan, user=staff["approver@example.org"], decision="approved")
    return PersonalBudget.objects.get(person=peggy)


def _new_page(browser, live_server):
    # bypass_csp lets the test inject axe-core; the app's own pages still send their CSP.
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    context.set_default_timeout(10_000)
    context.axe = AxeLog()
    context.reflow = ReflowLog()
    context.on("response", context.reflow.saw)
    context.expose_binding("__axeStarted", context.axe.start)
    context.expose_binding("__axeReport", context.axe.report)
    context.add_init_script(path=str(AXE_JS))
    context.add_init_script(script=AXE_ON_EVERY_PAGE)
    return context.new_page()


def _finish_axe(page, name: str) -> None:
    """Wait for the check on the page still open, record coverage, fail on any problem."""
    try:
        page.evaluate("async () => { if (window.__axeDone) await window.__axeDone; }")
    except Exception:  # the page is closed or mid-navigation: what was reported stands
        pass
    log = page.context.axe
    ARTIFACTS.mkdir(exist_ok=True)
    with (ARTIFACTS / "axe-coverage.txt").open("a") as coverage:
        coverage.write(f"{name}: {len(log.checked)} of {len(log.started)} pages checked\n")
    assert log.problems == [], f"accessibility violations: {log.problems}"


def _finish_reflow(page, name: str) -> None:
    """Open every page the browser loaded again at 320 pixels wide; fail on any that scrolls
    sideways (WCAG 1.4.10)."""
    log = page.context.reflow
    log.check(page.context)
    ARTIFACTS.mkdir(exist_ok=True)
    with (ARTIFACTS / "reflow-coverage.txt").open("a") as coverage:
        coverage.write(
            f"{name}: {len(log.checked)} of {len(log.urls)} pages checked at 320px "
            f"({log.skipped} more of a route already checked)\n"
        )
    assert log.problems == [], f"pages wider than {REFLOW_WIDTH} pixels: {log.problems}"


def close_page(page, name: str) -> None:
    """Finish the automatic accessibility and reflow checks of a browser, then close it.
    Both checks run, and what either found is reported."""
    failures = []
    try:
        for finish in (_finish_axe, _finish_reflow):
            try:
                finish(page, name)
            except AssertionError as failure:
                failures.append(str(failure))
    finally:
        page.context.close()
    assert failures == [], "\n".join(failures)


@contextmanager
def without_javascript(browser, live_server, page):
    """The page opened again in a browser with JavaScript switched off, in the same session."""
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.set_default_timeout(10_000)
    context.add_cookies(page.context.cookies())
    try:
        plain = context.new_page()
        plain.goto(page.url)
        yield plain
    finally:
        context.close()


@pytest.fixture
def page(request, browser, live_server, demo):
    page = _new_page(browser, live_server)
    yield page
    close_page(page, request.node.name)


@pytest.fixture
def second_page(request, browser, live_server, demo):
    """A page in a separate browser (its own cookies): a second user signed in at the same time."""
    page = _new_page(browser, live_server)
    yield page
    close_page(page, f"{request.node.name} (second browser)")


def check_accessibility(page, name: str) -> None:
    """Run axe-core on the page and fail on any serious or critical violation; keep a screenshot."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    results = page.evaluate(f"async () => await axe.run(document, {AXE_OPTIONS})")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert serious == [], f"{name}: accessibility violations: {serious}"


def fresh_totp_code(secret: str = DEMO_TOTP_SECRET) -> str:
    """The authenticator code now, waiting for the next one if this one is about to expire.

    allauth accepts only the current 30-second period, so a code read in its last moment would
    be refused by the time the form reaches the server.
    """
    seconds_left = 30 - time.time() % 30
    if seconds_left < 3:
        time.sleep(seconds_left + 0.2)
    return current_totp_code(secret)


def sign_in(page, email: str, *, staff: bool = False) -> None:
    """Sign in through the real pages, entering the authenticator code for staff."""
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    if staff:
        page.get_by_label("Security code").fill(fresh_totp_code())
        page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/dashboard/")

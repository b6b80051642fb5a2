"""Issue 10 item 9: HEAD answers like GET (same status and headers, no body) on every page, so
link checkers and uptime monitors see what a browser sees instead of 405."""

import re
from pathlib import Path

from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
APPS = ["people", "assessments", "support_plans", "budgets", "notifications", "reviews", "core"]
METHODS = re.compile(r"require_http_methods\(\[([^\]]*)\]\)")


def _view_sources():
    for app in APPS:
        yield from (p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts)


def test_no_view_refuses_head():
    refusing = []
    for path in _view_sources():
        text = path.read_text()
        if "require_GET" in text:
            refusing.append(f"{path.relative_to(ROOT)}: require_GET (use require_safe)")
        for methods in METHODS.findall(text):
            if '"GET"' in methods and '"HEAD"' not in methods:
                refusing.append(f"{path.relative_to(ROOT)}: [{methods}] has GET without HEAD")
    assert refusing == []


def test_head_gives_the_same_answer_as_get_without_a_body(client, person, dp_part):
    client.force_login(person.user)
    client.post(reverse("people:acting_for"), {"person": person.id})
    for url in [
        reverse("people:dashboard"),
        reverse("budgets:dashboard", args=[dp_part.budget.id]),
        reverse("spending:log_payments", args=[dp_part.budget.id]),
        reverse("people:help"),
    ]:
        got, head = client.get(url), client.head(url)
        assert (head.status_code, head["Content-Type"]) == (got.status_code, got["Content-Type"])
        assert got.status_code == 200 and head.content == b"", url


def test_head_is_refused_where_get_is(client, other_person, person):
    client.force_login(person.user)
    url = reverse("people:person_detail", args=[other_person.id])
    assert client.head(url).status_code == client.get(url).status_code == 404

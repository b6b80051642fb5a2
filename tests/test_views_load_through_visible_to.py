"""Views load a person's data only through visible_to (or the provider's consented querysets).

docs/architecture.md: views never call Model.objects.filter/get/all on a model that holds a
person's data; the queryset method that decides who may see it comes first. This test reads every
views module and names each place that does otherwise.
"""

import ast
from pathlib import Path

from django.apps import apps
from django.db import models

from people.models import Person

ROOT = Path(__file__).resolve().parent.parent
OUR_APPS = {"core", "people", "assessments", "support_plans", "budgets", "reviews"}
# Each of these decides who may see the rows; everything else starts from one of them.
SCOPED_METHODS = {
    "visible_to",
    "consented_to_provider_of",
    "shared_with_provider",
    "delivered_by_provider_of",
}


def personal_data_models() -> set[str]:
    """Our models that are a person or point (through foreign keys) at one."""
    ours = [
        m
        for m in apps.get_models()
        if m._meta.app_label in OUR_APPS and not m.__name__.startswith("Historical")
    ]
    personal = {Person}
    grew = True
    while grew:
        grew = False
        for model in ours:
            if model in personal:
                continue
            targets = {
                f.related_model
                for f in model._meta.get_fields()
                if isinstance(f, models.ForeignKey | models.OneToOneField) and f.concrete
            }
            if targets & personal:
                personal.add(model)
                grew = True
    return {m.__name__ for m in personal}


def view_modules() -> list[Path]:
    found = []
    for app in OUR_APPS:
        folder = ROOT / app
        found += [
            p for p in folder.rglob("*.py") if p.name == "views.py" or p.name.endswith("_views.py")
        ]
    return sorted(found)


def unscoped_reads(path: Path, personal: set[str]) -> list[str]:
    tree = ast.parse(path.read_text())
    problems = []
    for node in ast.walk(tree):
        # X.objects.method
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "objects"
            and isinstance(node.value.value, ast.Name)
            and node.value.value.id in personal
            and node.attr not in SCOPED_METHODS
        ):
            where = path.relative_to(ROOT) if ROOT in path.parents else path.name
            problems.append(f"{where}:{node.lineno} {node.value.value.id}.objects.{node.attr}")
    return problems


def test_the_check_knows_which_models_hold_a_persons_data():
    personal = personal_data_models()
    assert {"Person", "PersonalBudget", "Transaction", "SupportPlan", "Receipt"} <= personal
    assert not {"Organisation", "User", "DisallowedSpending"} & personal


def test_the_check_finds_an_unscoped_read(tmp_path):
    sample = tmp_path / "views.py"
    sample.write_text(
        "def view(request):\n"
        "    Person.objects.visible_to(request.user)\n"
        "    return Person.objects.filter(id=1)\n"
    )
    assert unscoped_reads(sample, {"Person"}) == ["views.py:3 Person.objects.filter"]


def test_views_read_personal_data_only_through_visible_to():
    personal = personal_data_models()
    problems = [p for path in view_modules() for p in unscoped_reads(path, personal)]
    assert problems == [], "Load these through a visible_to queryset method: " + ", ".join(problems)

"""Installs come from the lock files: every dependency pyproject.toml names is pinned there."""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s\\;]+)")


def _pins(lock: str) -> dict[str, str]:
    text = (ROOT / "requirements" / lock).read_text()
    return {
        canonicalize_name(m.group(1)): m.group(2) for m in map(PIN.match, text.splitlines()) if m
    }


def _requirements(with_dev: bool) -> list[Requirement]:
    names = PYPROJECT["project"]["dependencies"]
    if with_dev:
        names = names + PYPROJECT["project"]["optional-dependencies"]["dev"]
    return [Requirement(name) for name in names]


@pytest.mark.parametrize(("lock", "with_dev"), [("prod.txt", False), ("dev.txt", True)])
def test_every_dependency_is_pinned_to_a_version_pyproject_allows(lock, with_dev):
    pins = _pins(lock)
    problems = []
    for requirement in _requirements(with_dev):
        pinned = pins.get(canonicalize_name(requirement.name))
        if pinned is None or not requirement.specifier.contains(pinned, prereleases=True):
            problems.append(f"{requirement} (locked: {pinned})")
    assert problems == [], f"Run `make lock` and commit requirements/: {problems}"


@pytest.mark.parametrize("lock", ["prod.txt", "dev.txt"])
def test_every_locked_package_has_hashes(lock):
    text = (ROOT / "requirements" / lock).read_text()
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
    unhashed = [b.split()[0] for b in blocks if PIN.match(b) and "--hash=sha256:" not in b]
    assert unhashed == []


def test_the_production_lock_has_no_dev_tools():
    assert not {"pytest", "ruff", "playwright", "hypothesis"} & set(_pins("prod.txt"))

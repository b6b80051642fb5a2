"""Tiny helpers that read settings from the environment and fail loudly on bad values."""

import os

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str:
    """The variable's text, the default, or an error when it is required and missing."""
    value = os.environ.get(name, "").strip()
    if value:
        return value
    if required or default is None:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return default


def env_bool(name: str, default: bool) -> bool:
    """True for 1/true/yes/on, False for 0/false/no/off; anything else is an error."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name: str, default: list[str] | None = None, *, required: bool = False) -> list[str]:
    """A comma-separated list with blanks dropped."""
    value = env_str(name, ",".join(default or []), required=required)
    return [item.strip() for item in value.split(",") if item.strip()]

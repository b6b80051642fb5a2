"""Each person's to-do list on their home page: what is waiting for them, from every app.

Apps register a source from their AppConfig.ready(), so people imports none of them. A source
takes the signed-in user and returns ToDo items; each app asks people.access who may see what.
"""

from dataclasses import dataclass

_SOURCES: list = []


@dataclass(frozen=True)
class ToDo:
    """One thing waiting: what it is in plain words, where to do it, and how many (if counted)."""

    text: str
    url: str
    count: int | None = None


def register_todo_source(source) -> None:
    """Add a function user -> list[ToDo] to everyone's home page (once, whatever the reloads)."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def todo_for(user) -> list[ToDo]:
    """Everything waiting for this user, from every app, in the order the apps registered."""
    if not user.is_authenticated:
        return []
    return [item for source in _SOURCES for item in source(user)]


def counted(count: int, one: str, many: str) -> str:
    """'1 plan to check' or '3 plans to check'."""
    return one if count == 1 else many.format(count=count)

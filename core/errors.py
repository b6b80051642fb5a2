"""The error every service raises when a rule is broken: its message is shown to the user."""


class DomainError(Exception):
    """A rule was broken; `str(error)` says, in plain English, what to do about it."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

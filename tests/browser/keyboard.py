"""Moving through pages as a keyboard user does: Tab to a control, then Enter or type."""


def heading(page):
    return page.get_by_role("heading", level=1)


def tab_to(page, target, *, most: int = 120) -> None:
    """Press Tab until `target` has focus (never clicking)."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{target} was not reached in {most} presses of Tab")


def follow(page, name: str) -> None:
    """Tab to a link and press Enter."""
    tab_to(page, page.get_by_role("link", name=name, exact=True))
    page.keyboard.press("Enter")


def press(page, name: str) -> None:
    """Tab to the button called exactly `name` and press Enter."""
    tab_to(page, page.get_by_role("button", name=name, exact=True))
    page.keyboard.press("Enter")


def type_in(page, target, words: str) -> None:
    """Tab to a text box, clear what is in it, and type."""
    tab_to(page, target)
    page.keyboard.press("Control+A")
    page.keyboard.type(words)


def tick(page, target) -> None:
    """Tab to a checkbox or radio and press Space."""
    tab_to(page, target)
    page.keyboard.press("Space")


def type_date(page, legend: str, when) -> None:
    """Type a date into the GOV.UK day, month and year boxes of the group `legend`."""
    group = page.get_by_role("group", name=legend)
    for part, value in (("Day", when.day), ("Month", when.month), ("Year", when.year)):
        type_in(page, group.get_by_label(part), str(value))


def pick(page, target, option: str, *, most: int = 50) -> None:
    """Tab to a drop-down list and move through it with the arrow keys to `option`."""
    tab_to(page, target)
    for _ in range(most):
        if target.evaluate("select => select.selectedOptions[0]?.text.trim()") == option:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{option!r} was not found in the list")

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

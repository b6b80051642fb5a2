"""Text people type, made safe to show: no invisible characters that change how it reads."""

import unicodedata

# Bidirectional controls can make "Jo Bloggs" display as someone else's name, and zero-width
# characters make two names that look the same differ: neither has a place in a name.
INVISIBLE = {
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",  # zero-width
    "\u200e",
    "\u200f",
    "\u061c",  # direction marks
    *(chr(c) for c in range(0x202A, 0x202F)),  # embeddings and overrides
    *(chr(c) for c in range(0x2066, 0x206A)),  # isolates
}


def plain_text(value: str) -> str:
    """The text without invisible direction or zero-width characters or other control
    characters (new lines are kept), in Unicode's composed form, trimmed."""
    text = unicodedata.normalize("NFC", value or "")
    kept = (
        ch
        for ch in text
        if ch in "\n\t" or (ch not in INVISIBLE and unicodedata.category(ch) != "Cc")
    )
    return "".join(kept).strip()


# A spreadsheet runs a cell that starts with one of these as a formula ("=HYPERLINK(...)").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A CSV cell a spreadsheet shows as typed: text that would start a formula gets a leading
    apostrophe; numbers (a negative amount included) are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value

"""Speaking to the person, or about them: "you pay" to the person themselves, "Peggy Hughes pays"
to anyone else (their representative, council staff).

One small helper for every page about a person's assessments, finances and support plan. Words
are written once, for the person, with placeholders where the two differ:

    voice.fill("What {you} pay{s} towards {their} care")
        -> "What you pay towards your care"            (to the person)
        -> "What Peggy Hughes pays towards their care"  (to anyone else)

{you}/{You} and {your}/{Your} name the person when not speaking to them; {they}, {them},
{their}, {yourself} refer back to them; {s}, {are}, {have}, {do} make the verb after a name agree.
Templates use the same words: {{ voice.You }} pay{{ voice.s }}.
"""

from dataclasses import dataclass

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from people import access

TO_PERSON = {
    "you": "you",
    "You": "You",
    "your": "your",
    "Your": "Your",
    "they": "you",
    "They": "You",
    "them": "you",
    "their": "your",
    "Their": "Your",
    "yourself": "yourself",
    "s": "",
    "are": "are",
    "have": "have",
    "do": "do",
}


@dataclass(frozen=True)
class Voice:
    """Who the words are for: the person themselves (`to_person`), or someone else."""

    name: str
    to_person: bool

    @classmethod
    def for_viewer(cls, user, person) -> "Voice":
        """'you' only when the signed-in user is the person themselves."""
        return cls(name=person.display_name, to_person=access.is_the_person(user, person))

    @property
    def words(self) -> dict[str, str]:
        if self.to_person:
            return TO_PERSON
        possessive = f"{self.name}'s"
        return {
            "you": self.name,
            "You": self.name,
            "your": possessive,
            "Your": possessive,
            "they": "they",
            "They": "They",
            "them": "them",
            "their": "their",
            "Their": "Their",
            "yourself": "themselves",
            "s": "s",
            "are": "is",
            "have": "has",
            "do": "does",
        }

    def __getitem__(self, word: str) -> str:
        """{{ voice.your }} in a template: the name escaped, the "'s" after it written as the
        template's own text would be."""
        if not self.to_person and word in {"your", "Your"}:
            return format_html("{}'s", self.name)
        return conditional_escape(self.words[word])

    def fill(self, text: str) -> SafeString:
        """`text` (the code's own words) with its placeholders filled in for whoever is reading.
        The name is escaped: form labels and hints are shown as HTML."""
        words = self.words
        if not self.to_person:
            words = words | {"your": self["your"], "Your": self["Your"]}
        return format_html(text, **words)

    def say(self, to_person: str, about_person: str) -> SafeString:
        """The first text to the person; otherwise the second, with {name} filled in (escaped)."""
        if self.to_person:
            return mark_safe(to_person)  # noqa: S308 - the code's own words, no one's input
        return format_html(about_person, name=self.name)

"""Issue 10 item 1 (first part): markup in a person's name is escaped wherever a form label,
hint or legend is built from it. crispy-forms-gds printed labels and hints with |safe; the
project's templates/gds/ override prints them escaped unless they were made as safe HTML."""

from django.urls import reverse

from assessments.financial import services as financial

MARKUP = '<meta http-equiv="refresh" content="0;url=https://evil.example/">'
ESCAPED = "&lt;meta http-equiv=&quot;refresh&quot;"


def _plant(person):
    person.first_name = person.preferred_name = MARKUP
    person.save()


def test_a_hint_built_from_the_name_is_escaped(client, person, finance_officer):
    _plant(person)
    draft = financial.financial_assessment_start(person=person, started_by=finance_officer)
    client.force_login(finance_officer)
    page = client.get(reverse("financial_assessment:details", args=[person.id, draft.id])).text
    assert MARKUP not in page and ESCAPED in page


def test_a_legend_built_from_the_name_is_escaped(client, represented_person, nominated_person):
    _plant(represented_person)
    client.force_login(nominated_person)
    client.post(reverse("people:acting_for"), {"person": represented_person.id})
    url = reverse("notifications:preferences", args=[represented_person.id])
    page = client.get(url).text
    assert MARKUP not in page and ESCAPED in page
    assert "How should we contact" in page


def test_labels_meant_as_html_still_render_as_html(client, person):
    """A label made with format_html (a safe string) keeps its markup: e.g. the sign-in form."""
    page = client.get(reverse("account_login")).text
    assert "&lt;span" not in page and "&lt;a " not in page

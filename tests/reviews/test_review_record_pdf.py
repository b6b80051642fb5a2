"""The review record as a tagged PDF in plain English (issue 13): the person downloads it, and
it speaks to them; there is none before the meeting is recorded."""

import subprocess
import tempfile
import uuid

from django.urls import reverse

from reviews.meetings.actions import action_add
from reviews.meetings.record import review_decide
from tests.markup_sweep import pdf_text

from .helpers import sign_in
from .meetings import PA, answer, invite, record


def _pdf_info(content: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(content)
        pdf.flush()
        return subprocess.run(["pdfinfo", pdf.name], capture_output=True, text=True).stdout


def test_sam_downloads_his_review_record_as_a_tagged_pdf(client, meeting, person, social_worker):
    url = reverse("reviews:record_pdf", kwargs={"person_id": person.id, "meeting_id": meeting.id})
    sign_in(client, person.user, person)
    assert client.get(url).status_code == 404  # nothing recorded yet
    pa = invite(meeting, person.user, PA)
    answer(meeting, pa, None, "link", working="Sam is always up for a laugh")
    record(meeting, social_worker, attended=[pa.id])
    action_add(
        meeting=meeting,
        user=social_worker,
        what="Find an evening club",
        due_on=meeting.meets_on,
        owner="person",
        submission_key=str(uuid.uuid4()),
    )
    review_decide(
        meeting=meeting, user=social_worker, decisions=["no_change"], reasons="It all works"
    )
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="review-sam-okafor-')
    assert "Tagged: yes" in " ".join(_pdf_info(response.content).split())
    text = pdf_text(response.content)
    for words in [
        "Your review",
        "Jo Bloggs, my PA: came",
        "Sam is always up for a laugh",
        "Spent against each support line",
        "Find an evening club",
        "Why: It all works",
        "ask for another review",
        "The next review is due by",
    ]:
        assert words in text, words

"""Matrix entries for reviews: the staff review list, a person's reviews, asking for one, and
review meetings: planning (the person and casework staff together), answering the questions
(the person, staff on paper, an invitee by their private link with no account, a provider's
staff signed in), the record, actions, decision, PDF and the provider's view."""

from . import CASE_EDIT, CASE_VIEW, PERSON, SELF, allow, everyone

PROVIDER = {"provider_user"}  # Brightside, which the subject consented to


def _meeting(key: str):
    def kwargs(scenario) -> dict:
        return {"person_id": scenario["subject"].id, "meeting_id": scenario[key].id}

    return kwargs


def _invitee(scenario) -> dict:
    invitee = scenario["planned_invitee"]
    return {
        "person_id": scenario["subject"].id,
        "meeting_id": invitee.meeting_id,
        "invitee_id": invitee.id,
    }


HELD, PLANNED = _meeting("review_meeting"), _meeting("planned_meeting")

ENTRIES = {
    # Every member of council staff sees their own council's list (other_la_staff: their own,
    # without the subject); people, representatives and providers never see it.
    "reviews:list": (None, allow(CASE_VIEW | {"other_la_staff"})),
    "reviews:person_reviews": (PERSON, allow(SELF | CASE_VIEW)),
    "reviews:ask": (PERSON, allow(SELF | CASE_EDIT)),
    "reviews:record": (PERSON, allow(CASE_EDIT)),
    "reviews:schedule": (PERSON, allow(CASE_EDIT)),
    "reviews:meeting": (HELD, allow(SELF | CASE_VIEW)),
    "reviews:meeting_change": (PLANNED, allow(SELF | CASE_EDIT)),
    "reviews:meeting_plan": (PLANNED, allow(SELF | CASE_EDIT)),
    "reviews:invitee_add": (PLANNED, allow(SELF | CASE_EDIT)),
    "reviews:invitee_remove": (_invitee, allow(SELF | CASE_EDIT)),
    "reviews:invitations_send": (PLANNED, allow(SELF | CASE_EDIT)),
    "reviews:sharing": (HELD, allow(SELF | CASE_EDIT)),
    "reviews:answer_person": (PLANNED, allow(SELF | CASE_EDIT)),
    "reviews:answer_invitee": (_invitee, allow(CASE_EDIT)),
    # The PA's private link: no account needed, so anyone holding a valid link gets the page
    # (tests/reviews/test_answers_before_the_meeting.py: a changed or old link does not work).
    "reviews:answer_by_link": (lambda s: {"token": s["answer_token"]}, everyone(200)),
    "reviews:provider_answer": (PLANNED, allow(PROVIDER)),
    "reviews:meeting_record": (PLANNED, allow(CASE_EDIT)),
    "reviews:action_add": (PLANNED, allow(CASE_EDIT)),
    # An action the subject owns: they, their representative and casework staff close it.
    "reviews:action_close": (
        lambda s: {"person_id": s["subject"].id, "action_id": s["review_action"].id},
        allow(SELF | CASE_EDIT),
    ),
    "reviews:decide": (PLANNED, allow(CASE_EDIT)),
    "reviews:record_pdf": (HELD, allow(SELF | CASE_VIEW)),
    "reviews:provider_review": (HELD, allow(PROVIDER)),
}


def extend_scenario(scenario) -> None:
    """Two review meetings for the subject, made through the real services: one held today and
    decided (no change), with answers, a record, actions and everything shared; and one planned
    for today, with a PA (answering by their private link) and Brightside invited."""
    import uuid

    from reviews.meetings import invitations
    from reviews.meetings.actions import action_add
    from reviews.meetings.links import answer_token
    from reviews.meetings.record import review_decide
    from reviews.meetings.services import meeting_sharing_save
    from tests.reviews.meetings import PA, SISTER, answer, invite, record, schedule

    from .budgets import sam_budget

    subject, users = scenario["subject"], scenario["users"]
    worker, sam = users["social_worker"], subject.user
    sam_budget(scenario)
    provider = {
        "name": "Brightside Home Care",
        "relationship": "provider",
        "provider": scenario["consent"].provider,
        "contact": "email",
        "email": "team@brightside.example",
    }
    held = schedule(subject, worker)
    sister = invite(held, sam, {**SISTER, "contact": "self"})
    brightside = invite(held, sam, provider)
    answer(held, None, sam, "signed_in", important_now="Work")
    answer(held, sister, None, "link", working="Mornings")
    answer(held, brightside, worker, "paper", not_working="Evenings")
    record(held, worker, attended=[sister.id], dream="A season ticket")
    scenario["review_action"] = action_add(
        meeting=held,
        user=worker,
        what="Look for an evening club",
        due_on=held.meets_on,
        owner="person",
        submission_key=str(uuid.uuid4()),
    )
    action_add(
        meeting=held,
        user=worker,
        what="Swap Tuesday visits to the evening",
        due_on=held.meets_on,
        owner="invitee",
        owner_invitee=brightside,
        submission_key=str(uuid.uuid4()),
    )
    review_decide(meeting=held, user=worker, decisions=["no_change"], reasons="It is working")
    meeting_sharing_save(meeting=held, user=sam, shared=["working", "profile", "decision"])
    planned = schedule(subject, worker)
    scenario["planned_invitee"] = invite(planned, sam, PA)
    invite(planned, sam, provider)
    invitations.invitations_send(meeting=planned, user=sam)
    scenario["answer_token"] = answer_token(scenario["planned_invitee"])
    held.refresh_from_db()
    scenario["review_meeting"], scenario["planned_meeting"] = held, planned

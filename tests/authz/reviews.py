"""Matrix entries for reviews: the staff review list, a person's reviews, asking for one."""

from . import CASE_EDIT, CASE_VIEW, PERSON, SELF, allow

ENTRIES = {
    # Every member of council staff sees their own council's list (other_la_staff: their own,
    # without the subject); people, representatives and providers never see it.
    "reviews:list": (None, allow(CASE_VIEW | {"other_la_staff"})),
    "reviews:person_reviews": (PERSON, allow(SELF | CASE_VIEW)),
    "reviews:ask": (PERSON, allow(SELF | CASE_EDIT)),
    "reviews:record": (PERSON, allow(CASE_EDIT)),
}

"""Template tags for reviews: the "next review" section on home pages and a person's record."""

from django import template

from people import access

from ..due import due_reviews, next_review_for

register = template.Library()


@register.inclusion_tag("reviews/includes/next_review.html", takes_context=True)
def next_review(context, person):
    """The person's next review, what it is for and a link to ask for one (nothing if the user
    may not see the person's reviews)."""
    user = context["request"].user
    if person is None or not access.can_see_reviews(user, person):
        return {"hidden": True}
    return {
        "person": person,
        "due": next_review_for(user, person),
        "can_ask": access.can_ask_for_review(user, person),
        "is_the_person": access.is_the_person(user, person),
    }


@register.inclusion_tag("reviews/includes/next_review.html", takes_context=True)
def next_review_on_home_page(context):
    """On a person's or representative's home page: the next review of the person whose record
    they are using. Worked out for everyone they act for at once, so the page makes the same
    queries whoever is chosen, and however many people they act for."""
    user = context["request"].user
    person = context["request"].acting_for  # always someone the user acts for
    due = {row.person.id: row for row in due_reviews(access.persons_acted_for(user))}
    if person is None:
        return {"hidden": True}
    return {
        "person": person,
        "due": due.get(person.id),
        "can_ask": True,
        "is_the_person": access.is_the_person(user, person),
    }

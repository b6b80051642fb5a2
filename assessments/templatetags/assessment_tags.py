"""Template tags for assessments: the section on a person's record, and status tags."""

from django import template

from people import access

from ..models import NeedsAssessment

register = template.Library()

STATUS_COLOURS = {
    NeedsAssessment.Status.DRAFT: "govuk-tag--grey",
    NeedsAssessment.Status.SUBMITTED: "govuk-tag--blue",
    NeedsAssessment.Status.CHANGES_REQUESTED: "govuk-tag--yellow",
    NeedsAssessment.Status.COMPLETED: "govuk-tag--green",
}


@register.inclusion_tag("assessments/includes/person_section.html", takes_context=True)
def assessments_section(context, person):
    """The "Assessments" section of a person's record: the list and a start button."""
    user = context["request"].user
    return {
        "person": person,
        "assessments": NeedsAssessment.objects.visible_to(user).filter(person=person),
        "can_start": access.can_fill_self_assessment(user, person),
        "can_see": access.can_see_assessments(user, person),
    }


@register.simple_tag
def status_tag_class(assessment) -> str:
    """The GOV.UK tag colour for an assessment's status."""
    return STATUS_COLOURS.get(assessment.status, "govuk-tag--grey")

"""Signals other apps listen to, so assessments need not import them.

financial_assessment_completed is sent inside the completion's database transaction, with
assessment=, user= and applies_from= (a date when the charge was worked out again on a new
year's rates and applies from that year's first day; None otherwise). Each listener returns
what it changed, in plain words (or ""), and a listener that fails rolls the completion back.
"""

from django.dispatch import Signal

financial_assessment_completed = Signal()

"""Signals other apps listen to, so assessments need not import them.

financial_assessment_completed is sent inside the completion's database transaction, with
assessment= and user=; each listener returns what it changed, in plain words (or ""), and a
listener that fails rolls the completion back too.
"""

from django.dispatch import Signal

financial_assessment_completed = Signal()

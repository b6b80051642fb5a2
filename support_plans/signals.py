"""Signals other apps listen to, so support_plans need not import them.

plan_approved is sent inside the approval's database transaction: a listener that fails rolls
the approval back too, so an approved plan always has its budget.
"""

from django.dispatch import Signal

plan_approved = Signal()  # plan=SupportPlan, costs=support_plans.costing.PlanCosts

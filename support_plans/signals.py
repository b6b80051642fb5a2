"""Signals other apps listen to, so support_plans need not import them.

plan_approved is sent inside the approval's database transaction, once the decision is
recorded: a listener that fails rolls the approval back too, so an approved plan always has its
budget. Listeners run in the order of INSTALLED_APPS: budgets sets the budget before reviews
works out the review dates from it.
"""

from django.dispatch import Signal

plan_approved = Signal()  # plan=SupportPlan, costs=support_plans.costing.PlanCosts

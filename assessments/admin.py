"""Service administration (superusers only): each council's yearly charging rates and Minimum
Income Guarantee amounts, and its resource allocation tables. Assessments are managed in the app."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from people.admin import ConfirmBeforeChanging

from .models import (
    AllocationPoints,
    ChargingRates,
    MinimumIncomeGuarantee,
    ResourceAllocationTable,
)


class MinimumIncomeGuaranteeInline(admin.TabularInline):
    model = MinimumIncomeGuarantee
    extra = 0
    fields = ["kind", "label", "weekly_amount"]


@admin.register(ChargingRates)
class ChargingRatesAdmin(ConfirmBeforeChanging, SimpleHistoryAdmin):
    list_display = [
        "authority",
        "financial_year",
        "lower_capital_limit",
        "upper_capital_limit",
        "charge_percentage",
        "standard_dre_weekly",
        "minimum_weekly_charge",
        "checked_at",
    ]
    list_filter = ["financial_year", "authority"]
    search_fields = ["authority__name"]
    ordering = ["authority__name", "-financial_year"]
    list_select_related = ["authority"]
    inlines = [MinimumIncomeGuaranteeInline]
    fieldsets = [
        (None, {"fields": ["authority", "financial_year"]}),
        (
            "Capital",
            {
                "fields": [
                    "lower_capital_limit",
                    "upper_capital_limit",
                    "tariff_step",
                    "tariff_rule",
                ]
            },
        ),
        (
            "Local choices",
            {
                "fields": [
                    "charge_percentage",
                    "minimum_weekly_charge",
                    "local_mig_buffer",
                    "standard_dre_weekly",
                    "pip_night_care_disregard_weekly",
                ]
            },
        ),
        (
            "National figures for the year",
            {
                "fields": [
                    "savings_credit_disregard_single",
                    "savings_credit_disregard_couple",
                    "source",
                ]
            },
        ),
        ("Checked", {"fields": ["checked_at", "checked_by"]}),
    ]
    readonly_fields = ["checked_at", "checked_by"]


class AllocationPointsInline(admin.TabularInline):
    model = AllocationPoints
    extra = 0


@admin.register(ResourceAllocationTable)
class ResourceAllocationTableAdmin(ConfirmBeforeChanging, SimpleHistoryAdmin):
    list_display = ["name", "authority", "effective_from", "pounds_per_point"]
    list_filter = ["authority"]
    search_fields = ["name", "authority__name"]
    date_hierarchy = "effective_from"
    list_select_related = ["authority"]
    inlines = [AllocationPointsInline]

"""Service administration: organisations, users and staff roles (people are managed in the app)."""

from allauth.account.internal.flows.reauthentication import raise_if_reauthentication_required
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Membership, Organisation, User


class ConfirmBeforeChanging:
    """Changing who may do what (accounts, roles, organisations) asks the operator to confirm
    it is them again (their authenticator) unless they did so in the last few minutes. The
    change they posted is kept and carried out once they have confirmed."""

    def changeform_view(self, request, *args, **kwargs):
        _confirm_if_changing(request)
        return super().changeform_view(request, *args, **kwargs)

    def delete_view(self, request, *args, **kwargs):
        _confirm_if_changing(request)
        return super().delete_view(request, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):  # bulk actions post here
        _confirm_if_changing(request)
        return super().changelist_view(request, *args, **kwargs)


def _confirm_if_changing(request) -> None:
    if request.method == "POST":
        raise_if_reauthentication_required(request, app="admin")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(User)
class UserAdmin(ConfirmBeforeChanging, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "full_name", "password"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [(None, {"fields": ["email", "full_name", "password1", "password2"]})]
    inlines = [MembershipInline]
    filter_horizontal = []
    list_filter = ["is_active", "is_staff"]


@admin.register(Organisation)
class OrganisationAdmin(ConfirmBeforeChanging, admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Membership)
class MembershipAdmin(ConfirmBeforeChanging, SimpleHistoryAdmin):
    list_display = ["user", "organisation", "role", "is_active"]
    list_filter = ["role", "organisation"]

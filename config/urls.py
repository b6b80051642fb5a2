"""Top-level URLs. Each app keeps its own urls.py under a namespace."""

from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path

# The admin signs in through allauth so that multi-factor authentication applies there too.
admin.site.login = login_required(admin.site.login)
admin.site.site_header = "Manage a personal budget: service administration"
# The Django admin is for the service operator only. Council administrators use the service's
# own pages, scoped to their council; a staff flag alone (is_staff) opens nothing here.
admin.site.has_permission = lambda request: request.user.is_active and request.user.is_superuser

urlpatterns = [
    path("", include("people.urls")),
    path("", include("people.council_settings.urls")),
    path("", include("assessments.urls")),
    path("", include("assessments.financial.urls")),
    path("", include("assessments.rates.urls")),
    path("", include("support_plans.urls")),
    path("", include("support_plans.approval.urls")),
    path("", include("budgets.urls")),
    path("", include("budgets.spending.urls")),
    path("", include("budgets.statements.urls")),
    path("", include("budgets.payments.urls")),
    path("", include("budgets.monitoring.urls")),
    path("", include("budgets.audit.urls")),
    path("", include("budgets.employment.urls")),
    path("", include("budgets.oversight.urls")),
    path("", include("notifications.urls")),
    path("", include("reviews.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

"""The authorisation matrix (docs/quality.md #7): roles, expectation helpers, and one entries
module per
area. Each module in this package defines ENTRIES = {url name: (kwargs builder, expected)} and may
define extend_scenario(scenario) to add the objects its URLs need (an assessment, a plan...).
"""

ROLES = [
    "anonymous",
    "person",  # the subject, signed in as themselves
    "nominated_person",  # the subject's nominated person
    "authorised_person",  # someone else's authorised person
    "other_person",
    "social_worker",
    "approver",
    "finance_officer",
    "la_admin",
    "provider_user",  # the subject consented to this provider
    "other_provider_user",
    "other_la_staff",
    "stranger",
]
SIGNED_IN = [role for role in ROLES if role != "anonymous"]
SELF = {"person", "nominated_person"}
CASE_VIEW = {"social_worker", "approver", "finance_officer", "la_admin"}
CASE_EDIT = {"social_worker", "approver", "la_admin"}
STAFF = CASE_VIEW | {"provider_user", "other_provider_user", "other_la_staff"}  # have MFA set up
LOGIN = "login"  # a redirect to the sign-in page


def PERSON(scenario) -> dict:  # noqa: N802
    """URL kwargs for the subject's pages."""
    return {"person_id": scenario["subject"].id}


def allow(allowed: set, *, anonymous=LOGIN, otherwise=404) -> dict:
    """Expected status for every role: 200 for `allowed`, `otherwise` for the rest."""
    expected = {role: (200 if role in allowed else otherwise) for role in SIGNED_IN}
    expected["anonymous"] = anonymous
    return expected


def everyone(status, *, anonymous=None) -> dict:
    expected = {role: status for role in SIGNED_IN}
    expected["anonymous"] = status if anonymous is None else anonymous
    return expected


def mfa_only() -> dict:
    """Pages about an authenticator the user has: 302 (reauthenticate) for staff, else 404."""
    expected = {role: (302 if role in STAFF else 404) for role in SIGNED_IN}
    expected["anonymous"] = LOGIN
    return expected


ACCOUNT_PAGE = everyone(200, anonymous=LOGIN)  # a signed-in user's own account pages
PUBLIC_ENTRANCE = everyone(302, anonymous=200)  # sign-in pages send signed-in users home


# Django admin: only superusers (service administrators). Checked by
# test_admin_is_only_for_superusers; every admin URL is covered by that entry.
ADMIN_NAMESPACE = "admin:"


def entries_and_extenders():
    """All areas' entries merged (a URL named twice is an error) and their scenario extenders."""
    import importlib
    import pkgutil

    entries, extenders = {}, []
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        duplicated = set(entries) & set(module.ENTRIES)
        assert not duplicated, f"{module_info.name} repeats matrix entries: {duplicated}"
        entries.update(module.ENTRIES)
        if hasattr(module, "extend_scenario"):
            extenders.append(module.extend_scenario)
    return entries, extenders

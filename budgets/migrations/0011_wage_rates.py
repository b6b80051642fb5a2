"""The National Minimum Wage and National Living Wage rates from April 2024, with their source
(budgets/employment/rates.py)."""

from django.db import migrations


def add_rates(apps, schema_editor):
    from budgets.employment.rates import ensure_wage_rates

    ensure_wage_rates(apps.get_model("budgets", "WageRate"))


class Migration(migrations.Migration):
    dependencies = [("budgets", "0010_employment")]

    operations = [migrations.RunPython(add_rates, migrations.RunPython.noop)]

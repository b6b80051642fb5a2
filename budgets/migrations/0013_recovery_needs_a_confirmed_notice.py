"""docs/quality.md #23: nothing is recovered without a written notice whose period has ended or
that the person accepted. A check constraint already makes a recovery name its notice; on
PostgreSQL this trigger also refuses a recovery whose notice is not a confirmed repayment notice
for the same account (the notice's own check constraint allows it to be confirmed only after the
period to reply has ended, or once the person agreed).
"""

from django.db import migrations

POSTGRES = """
CREATE OR REPLACE FUNCTION budgets_recovery_needs_confirmed_notice() RETURNS trigger AS $$
BEGIN
    IF NEW.kind = 'recovery' AND NOT EXISTS (
        SELECT 1 FROM budgets_notice n
        WHERE n.id = NEW.notice_id AND n.kind = 'repayment' AND n.status = 'confirmed'
          AND n.part_id = NEW.part_id
    ) THEN
        RAISE EXCEPTION 'Money can be returned to the council only under a confirmed notice.';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER budgets_transaction_recovery_notice BEFORE INSERT ON budgets_transaction
    FOR EACH ROW EXECUTE FUNCTION budgets_recovery_needs_confirmed_notice();
"""
POSTGRES_REVERSE = """
DROP TRIGGER IF EXISTS budgets_transaction_recovery_notice ON budgets_transaction;
DROP FUNCTION IF EXISTS budgets_recovery_needs_confirmed_notice();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_REVERSE, params=None)


class Migration(migrations.Migration):
    dependencies = [("budgets", "0012_oversight")]
    operations = [migrations.RunPython(forwards, backwards)]

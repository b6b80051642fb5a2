"""Posted ledger rows are never changed: the database itself refuses UPDATE and DELETE.

PostgreSQL: a trigger refuses UPDATE and DELETE on transactions and entries (TRUNCATE, used only
to reset test databases, is not a row change). SQLite (laptops): UPDATE is refused the same way;
DELETE stays possible there so that Django's test-database flush works.
"""

from django.db import migrations

TABLES = ["budgets_transaction", "budgets_entry"]

POSTGRES = """
CREATE OR REPLACE FUNCTION budgets_refuse_ledger_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The ledger is append-only: % on % is not allowed. Post a correction.',
        TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
""" + "".join(
    f"""
CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION budgets_refuse_ledger_change();
"""
    for table in TABLES
)
POSTGRES_REVERSE = "".join(
    f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};" for table in TABLES
) + "DROP FUNCTION IF EXISTS budgets_refuse_ledger_change();"

SQLITE = [
    f"""CREATE TRIGGER {table}_append_only BEFORE UPDATE ON {table}
    BEGIN SELECT RAISE(ABORT, 'The ledger is append-only: post a correction.'); END;"""
    for table in TABLES
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES, params=None)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_REVERSE, params=None)
    elif schema_editor.connection.vendor == "sqlite":
        for table in TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only")


class Migration(migrations.Migration):
    dependencies = [("budgets", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]

"""Each question on a payment keeps the council that reviews it (the person's), filled here from
its transaction, and the questions queue's index leads with it: a council's waiting questions
are read and counted from the index alone."""

import django.db.models.deletion
from django.db import migrations, models


def _council_from_the_transaction(apps, schema_editor):
    RuleFlag = apps.get_model("budgets", "RuleFlag")
    Transaction = apps.get_model("budgets", "Transaction")
    council = Transaction.objects.filter(pk=models.OuterRef("transaction_id")).values(
        "budget__person__local_authority_id"
    )[:1]
    RuleFlag.objects.update(council_id=models.Subquery(council))


class Migration(migrations.Migration):
    dependencies = [
        ("budgets", "0018_questions_waiting_by_age"),
        ("people", "0009_council_settings_changes_are_never_edited"),
    ]

    operations = [
        migrations.AddField(
            model_name="ruleflag",
            name="council",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="people.organisation",
            ),
        ),
        migrations.AddField(
            model_name="historicalruleflag",
            name="council",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="people.organisation",
            ),
        ),
        migrations.RunPython(_council_from_the_transaction, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="ruleflag",
            name="council",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="people.organisation",
            ),
        ),
        migrations.RemoveIndex(
            model_name="ruleflag",
            name="rule_flag_waiting_by_age",
        ),
        migrations.AddIndex(
            model_name="ruleflag",
            index=models.Index(
                condition=models.Q(("status__in", ["open", "explained"])),
                fields=["council", "created_at", "id"],
                name="rule_flag_waiting_by_council",
            ),
        ),
    ]

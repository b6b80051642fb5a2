"""The review list's order kept on each person's stored dates: their council and name, copied
from the person (reviews.stored_dates keeps them), and an index in the list's order. Filled here
from the person record in one UPDATE."""

import django.db.models.deletion
from django.db import migrations, models


def _copy_from_person(apps, schema_editor):
    ReviewDates = apps.get_model("reviews", "ReviewDates")
    Person = apps.get_model("people", "Person")
    person = Person.objects.filter(pk=models.OuterRef("person_id"))
    ReviewDates.objects.update(
        council_id=models.Subquery(person.values("local_authority_id")[:1]),
        last_name=models.Subquery(person.values("last_name")[:1]),
        first_name=models.Subquery(person.values("first_name")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0009_council_settings_changes_are_never_edited"),
        ("reviews", "0008_fill_review_dates"),
    ]

    operations = [
        migrations.AddField(
            model_name="reviewdates",
            name="council",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="people.organisation",
            ),
        ),
        migrations.AddField(
            model_name="reviewdates",
            name="last_name",
            field=models.CharField(default="", max_length=100),
        ),
        migrations.AddField(
            model_name="reviewdates",
            name="first_name",
            field=models.CharField(default="", max_length=100),
        ),
        migrations.RunPython(_copy_from_person, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="reviewdates",
            name="council",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="people.organisation",
            ),
        ),
        migrations.AddIndex(
            model_name="reviewdates",
            index=models.Index(
                fields=["council", "due_on", "last_name", "first_name", "person"],
                name="review_dates_list_order",
            ),
        ),
    ]

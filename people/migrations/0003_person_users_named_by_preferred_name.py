"""A person who signs in is named in the service by the name they like to be called."""

from django.db import migrations


def name_person_users_by_preferred_name(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    User = apps.get_model("people", "User")
    for person in Person.objects.filter(user__isnull=False).select_related("user"):
        name = f"{person.preferred_name or person.first_name} {person.last_name}"
        if person.user.full_name != name:
            User.objects.filter(pk=person.user_id).update(full_name=name)


class Migration(migrations.Migration):
    dependencies = [("people", "0002_council_contacts_case_reference_nhs_number")]

    operations = [
        migrations.RunPython(name_person_users_by_preferred_name, migrations.RunPython.noop)
    ]

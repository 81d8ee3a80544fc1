"""The roles as Django groups: viewer, editor, approver, administrator."""

from django.db import migrations

#: Kept here rather than imported: a migration must not change when the code moves on.
ROLES = ("viewer", "editor", "approver", "administrator")


def create_roles(apps, schema_editor):
    group = apps.get_model("auth", "Group")
    for name in ROLES:
        group.objects.get_or_create(name=name)


def put_superusers_in_administrators(apps, schema_editor):
    # The first-run administrator of an existing registry holds the role too.
    group = apps.get_model("auth", "Group")
    user = apps.get_model("auth", "User")
    administrators = group.objects.get(name="administrator")
    for account in user.objects.filter(is_superuser=True):
        account.groups.add(administrators)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_roles, migrations.RunPython.noop),
        migrations.RunPython(put_superusers_in_administrators, migrations.RunPython.noop),
    ]

"""The steps: what each write did, so that a process can catch up on it (registry.catchup).

The revision the registry is at when migrated gets its step too (what made it is not
known: "other"), so that processes started after the migration, which hold that
revision, can catch up on the writes that follow instead of rebuilding.
"""

from django.db import migrations, models


def step_for_the_current_revision(apps, schema_editor):
    Revision = apps.get_model("registry", "Revision")
    Step = apps.get_model("registry", "Step")
    for rev in Revision.objects.all():
        Step.objects.get_or_create(
            number=rev.number, defaults={"stamp": rev.stamp, "kind": "other", "changes": []}
        )


class Migration(migrations.Migration):
    dependencies = [("registry", "0006_entry_text")]

    operations = [
        migrations.CreateModel(
            name="Step",
            fields=[
                ("number", models.PositiveBigIntegerField(primary_key=True, serialize=False)),
                ("stamp", models.CharField(max_length=32)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("changes", "Changes"),
                            ("entries", "Entries"),
                            ("plans", "Plans"),
                            ("other", "Other"),
                        ],
                        max_length=10,
                    ),
                ),
                ("changes", models.JSONField(blank=True, default=list)),
            ],
        ),
        migrations.RunPython(step_for_the_current_revision, migrations.RunPython.noop),
    ]

"""Register entries kept as JSON text, so that mappings inside them keep their key order."""

import json

from django.db import migrations, models


def to_text(apps, schema_editor):
    Entry = apps.get_model("registry", "Entry")
    for row in Entry.objects.all():
        row.text = json.dumps(row.data, ensure_ascii=False)
        row.save(update_fields=["text"])


def to_json(apps, schema_editor):
    Entry = apps.get_model("registry", "Entry")
    for row in Entry.objects.all():
        row.data = json.loads(row.text)
        row.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [("registry", "0005_person_contact_cv")]

    operations = [
        migrations.AddField(
            model_name="entry",
            name="text",
            field=models.TextField(default="{}", help_text="the entry's mapping as JSON text"),
        ),
        migrations.RunPython(to_text, to_json),
        migrations.RemoveField(model_name="entry", name="data"),
    ]

"""Dates as written are longer in their extended forms: ``2013-04-01/2013-09-30`` is 21
characters, more than the 20 the date columns held (PostgreSQL refuses a longer value)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("registry", "0007_step")]

    operations = [
        migrations.AlterField(
            model_name="change", name="date", field=models.CharField(max_length=40)
        ),
        migrations.AlterField(
            model_name="plan", name="effective", field=models.CharField(max_length=40)
        ),
        migrations.AlterField(
            model_name="planevent", name="at", field=models.CharField(max_length=40)
        ),
        migrations.AlterField(
            model_name="source", name="date", field=models.CharField(blank=True, max_length=40)
        ),
    ]

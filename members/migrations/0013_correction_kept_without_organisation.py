import django.db.models.deletion
from django.db import migrations, models


def remember_names(apps, schema_editor):
    Correction = apps.get_model("members", "Correction")
    for correction in Correction.objects.select_related("organisation"):
        correction.organisation_name = correction.organisation.name
        correction.save(update_fields=["organisation_name"])


class Migration(migrations.Migration):
    dependencies = [("members", "0012_drop_country_members")]

    operations = [
        migrations.AddField(
            model_name="correction",
            name="organisation_name",
            field=models.CharField(
                default="", editable=False, max_length=200, verbose_name="organisation's name"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(remember_names, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="correction",
            name="organisation",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="corrections",
                to="members.organisation",
                verbose_name="organisation",
            ),
        ),
    ]

from django.db import migrations

from members.secretariat import grant_secretariat


def grant(apps, schema_editor):
    grant_secretariat(apps, "members", ["correction"])


class Migration(migrations.Migration):
    dependencies = [("members", "0009_corrections")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

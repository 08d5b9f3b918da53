from django.db import migrations

from members.secretariat import grant_secretariat


def grant(apps, schema_editor):
    grant_secretariat(apps, "news", ["newsitem"])


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial"), ("members", "0003_secretariat_group")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

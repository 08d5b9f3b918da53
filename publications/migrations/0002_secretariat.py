"""The Secretariat group keeps the publications and their files."""

from django.db import migrations

from members.secretariat import grant_secretariat


def grant(apps, schema_editor):
    grant_secretariat(apps, "publications", ["publication", "publicationfile"])


class Migration(migrations.Migration):
    dependencies = [("publications", "0001_initial"), ("members", "0003_secretariat_group")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

from django.db import migrations

from members.secretariat import grant_secretariat


def grant(apps, schema_editor):
    grant_secretariat(apps, "members", ["region", "country", "organisation"])


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_regions_and_countries"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

"""The Secretariat group answers requests about personal data (#31): it finds everything the
site holds about an address, and erases it."""

from django.db import migrations

from members.secretariat import grant_secretariat


def grant(apps, schema_editor):
    grant_secretariat(apps, "pages", [])  # makes the permissions, as it does for models
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get(name="Secretariat").permissions.add(
        Permission.objects.get(
            content_type__app_label="pages", codename="answer_personal_data_requests"
        )
    )


class Migration(migrations.Migration):
    dependencies = [("pages", "0005_privacy_notice_periods"), ("members", "0003_secretariat_group")]

    operations = [
        migrations.AlterModelOptions(
            name="page",
            options={
                "ordering": ["kind"],
                "permissions": [
                    ("answer_personal_data_requests", "Can find and erase personal data")
                ],
                "verbose_name": "page",
                "verbose_name_plural": "pages",
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]

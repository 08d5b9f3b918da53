"""The Secretariat group sees subscribers and digests, deletes a subscriber on request, sends
a digest now and sets how often digests go out; the weekly schedule is the first."""

from django.db import migrations

from members.secretariat import grant_secretariat


def grant(apps, schema_editor):
    grant_secretariat(apps, "news", ["subscriber", "digest", "digestschedule"])
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get(name="Secretariat").permissions.add(
        Permission.objects.get(content_type__app_label="news", codename="send_digest")
    )
    apps.get_model("news", "DigestSchedule").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("news", "0007_subscribers"), ("members", "0003_secretariat_group")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

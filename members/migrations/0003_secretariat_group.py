"""The Secretariat group: staff who keep the records but do not manage accounts."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Secretariat"
MODELS = [("members", "region"), ("members", "country"), ("members", "organisation")]
ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now to assign them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, model in MODELS:
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label,
                codename__in=[f"{action}_{model}" for action in ACTIONS],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_regions_and_countries"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

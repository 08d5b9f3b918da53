"""The Secretariat group: staff who keep the records but do not manage accounts.

Used by the data migrations that make the group and widen it as apps add models."""

from django.contrib.auth.management import create_permissions

GROUP = "Secretariat"
ACTIONS = ("add", "change", "delete", "view")


def grant_secretariat(apps, app_label, model_names):
    # Permissions are normally made after all migrations; make them now to assign them.
    # (A migration's app configs have no models module, which create_permissions requires.)
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label=app_label,
            codename__in=[f"{action}_{model}" for model in model_names for action in ACTIONS],
        )
    )

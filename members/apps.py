from django.apps import AppConfig


class MembersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "members"
    verbose_name = "Members"

    def ready(self):
        from . import signals

        signals.connect([self.get_model(name) for name in ("Region", "Country", "Organisation")])

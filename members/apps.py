from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class MembersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "members"
    verbose_name = "Members"

    def ready(self):
        from cicopa.pagecache import invalidate

        for model in ("Region", "Country", "Organisation"):
            sender = self.get_model(model)
            post_save.connect(invalidate, sender=sender, dispatch_uid=f"pages-save-{model}")
            post_delete.connect(invalidate, sender=sender, dispatch_uid=f"pages-delete-{model}")

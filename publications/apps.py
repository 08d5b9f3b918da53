from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "publications"
    verbose_name = "Publications"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from cicopa.pagecache import invalidate

        from .models import Publication, PublicationFile

        # A publication's change changes public pages (cicopa.pagecache).
        for model in (Publication, PublicationFile):
            post_save.connect(invalidate, sender=model, dispatch_uid=f"pages-save-{model.__name__}")
            post_delete.connect(
                invalidate, sender=model, dispatch_uid=f"pages-delete-{model.__name__}"
            )
        for through in (Publication.organisations.through, Publication.regions.through):
            m2m_changed.connect(
                invalidate, sender=through, dispatch_uid=f"pages-{through.__name__}"
            )

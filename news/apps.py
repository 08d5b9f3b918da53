from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class NewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "news"
    verbose_name = "News"

    def ready(self):
        from cicopa.pagecache import invalidate

        NewsItem = self.get_model("NewsItem")
        post_save.connect(invalidate, sender=NewsItem, dispatch_uid="pages-save-newsitem")
        post_delete.connect(invalidate, sender=NewsItem, dispatch_uid="pages-delete-newsitem")
        m2m_changed.connect(
            invalidate, sender=NewsItem.organisations.through, dispatch_uid="pages-newsitem-orgs"
        )

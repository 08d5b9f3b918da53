"""The pages' receivers, connected in PagesConfig.ready(): a page's change is public."""

from django.db.models.signals import post_delete, post_save

from cicopa.pagecache import invalidate

from .models import Page


def connect():
    post_save.connect(invalidate, sender=Page, dispatch_uid="pages-save-page")
    post_delete.connect(invalidate, sender=Page, dispatch_uid="pages-delete-page")

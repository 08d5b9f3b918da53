"""The members' receivers: any change to a region, a country or an organisation changes public
pages (cicopa.pagecache). Connected in MembersConfig.ready()."""

from django.db.models.signals import post_delete, post_save

from cicopa.pagecache import invalidate


def connect(models):
    for model in models:
        name = model._meta.model_name
        post_save.connect(invalidate, sender=model, dispatch_uid=f"pages-save-{name}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"pages-delete-{name}")

"""Work the admin hands on, so that its request returns at once (django-tasks: at once in
development and tests, from the database queue by `manage.py db_worker` in production)."""

from django_tasks import task

from . import digests


@task()
def send_digest_now():
    """The secretariat's "Send a digest now": what is new, whatever the schedule."""
    digest = digests.send_digests(now_regardless_of_schedule=True)
    return digest.pk if digest else None

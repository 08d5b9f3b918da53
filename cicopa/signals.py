"""The project's own receivers, connected in cicopa.apps."""

from .pagecache import invalidate


def source_changed(sender, file_path, **kwargs):
    """The development server saw a file change (a template, the code): pages and fragments
    kept in the shared cache were made by the old one. Only runserver's reloader sends this."""
    invalidate()

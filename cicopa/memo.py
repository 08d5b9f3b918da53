"""Values that only the code, the settings and their arguments decide, remembered for the life
of the process (a deploy restarts it). A test that changes a setting starts afresh."""

from functools import lru_cache

from django.core.signals import setting_changed


def remembered(maxsize):
    """functools.lru_cache(maxsize), emptied whenever a setting changes."""

    def decorate(function):
        cached = lru_cache(maxsize=maxsize)(function)
        setting_changed.connect(
            lambda **kwargs: cached.cache_clear(),
            weak=False,
            dispatch_uid=f"remembered-{function.__module__}.{function.__qualname__}",
        )
        return cached

    return decorate

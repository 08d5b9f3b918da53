from django.core.cache import cache

from cicopa.pagecache import generation


def start_afresh():
    """Forget every kept page and value, as a change does, and start the new generation (its
    one query, once per change, is counted in tests/test_pagecache.py): a page requested next
    is rendered afresh, as any page is after a change."""
    cache.clear()
    generation()

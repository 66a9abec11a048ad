from django.urls import get_resolver

from dvk.backoffice.views.pending import PendingView


def _patterns(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if hasattr(pattern, "url_patterns"):
            yield from _patterns(pattern, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern


def test_every_agreed_screen_is_built():
    pending = [
        route
        for route, p in _patterns(get_resolver())
        if getattr(p.callback, "view_class", None) is PendingView
    ]
    assert pending == []

from django.utils.functional import SimpleLazyObject

from dvk.units.selectors import visible_unit_ids


class ScopeMiddleware:
    """Puts the signed-in user's scope on the request, computed at most once per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.visible_unit_ids = SimpleLazyObject(lambda: visible_unit_ids(request.user))
        return self.get_response(request)

"""Template filters for the text officers write."""

from django import template
from django.utils.safestring import mark_safe

from dvk.initiatives.richtext import sanitize_rich_text

register = template.Library()


@register.filter
def rich(value: str) -> str:
    """Formatted text (description, results …) sanitised on the way out, so rows written in bulk print as safely
    as those written through the forms; plain text becomes paragraphs."""
    return mark_safe(sanitize_rich_text(value or ""))

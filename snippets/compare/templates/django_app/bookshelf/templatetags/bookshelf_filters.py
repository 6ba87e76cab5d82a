from django import template

register = template.Library()  # (1)!


@register.filter
def stars(rating: int) -> str:
    return "★" * rating + "☆" * (5 - rating)

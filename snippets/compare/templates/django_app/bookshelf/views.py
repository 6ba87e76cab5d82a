from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from compare.templates.books import SHELVES


# --8<-- [start:views]
@require_safe
def shelf(request, name: str):
    if name not in SHELVES:
        raise Http404("No such shelf")
    return render(  # (1)!
        request, "bookshelf/shelf.html", {"name": name, "books": SHELVES[name]}
    )


@require_safe
def search(request):
    return render(request, "bookshelf/search.html", {"q": request.GET.get("q", "")})
# --8<-- [end:views]


# --8<-- [start:unsafe]
@require_safe
def unsafe_search(request):
    return render(request, "bookshelf/search_unsafe.html", {"q": request.GET.get("q", "")})
# --8<-- [end:unsafe]

"""The data every app on the page renders: two shelves, one of them empty."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Book:
    title: str
    author: str
    rating: int  # 1 to 5


SHELVES: dict[str, list[Book]] = {
    "read": [
        Book("Dune", "Frank Herbert", 5),
        Book("The Left Hand of Darkness", "Ursula K. Le Guin", 4),
        Book("Neuromancer", "William Gibson", 3),
    ],
    "wishlist": [],
}

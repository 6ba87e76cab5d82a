"""Exercise (routing): GET /books/{book_id} answers an unknown id with a crash. Make it a JSON 404."""

from fastapi import FastAPI, HTTPException

app = FastAPI()

BOOKS = {
    1: {"id": 1, "title": "Two Scoops of Django"},
    2: {"id": 2, "title": "Flask Web Development"},
}


@app.get("/books")
def book_list() -> list[dict]:
    return list(BOOKS.values())


@app.get("/books/{book_id}")
def book_detail(book_id: int) -> dict:
    if book_id not in BOOKS:
        raise HTTPException(status_code=404)
    return BOOKS[book_id]

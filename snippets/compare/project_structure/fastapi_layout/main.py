from fastapi import FastAPI

from .routers import blog, pages  # (1)!

app = FastAPI()
app.include_router(pages.router)
app.include_router(blog.router)

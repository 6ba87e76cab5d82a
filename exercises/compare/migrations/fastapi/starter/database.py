"""Where the app's database is: one URL, from the environment."""

import os

from sqlalchemy import create_engine

DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite:///blog.db")
engine = create_engine(DATABASE_URL)  # the app's engine; Alembic builds its own from the URL

"""Create the tables if needed, and an admin user: python -m compare.admin.fastapi_create_admin NAME"""

import getpass
import os
import sys

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from compare.admin.fastapi_app import password_hash
from compare.admin.fastapi_models import Base, User

MIN_PASSWORD_LENGTH = 15  # (1)!


def ask_password() -> str:
    while True:  # (2)!
        password = getpass.getpass()
        if len(password) < MIN_PASSWORD_LENGTH:
            print(f"Error: Use at least {MIN_PASSWORD_LENGTH} characters.")
        elif getpass.getpass("Repeat for confirmation: ") != password:
            print("Error: The two entered values do not match.")
        else:
            return password


def create_admin(username: str, password: str, database_url: str) -> None:
    engine = create_engine(database_url)
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add(User(username=username, password_hash=password_hash.hash(password), is_admin=True))
        session.commit()
    engine.dispose()


if __name__ == "__main__":
    name = sys.argv[1]
    create_admin(name, ask_password(), os.environ.get("DATABASE_URL", "sqlite:///bookshop.db"))  # (3)!
    print(f"Admin {name} created.")

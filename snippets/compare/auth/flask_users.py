import threading
from dataclasses import dataclass, field

from flask_login import UserMixin
from werkzeug.exceptions import ServiceUnavailable
from werkzeug.security import check_password_hash, generate_password_hash


@dataclass(eq=False)
class User(UserMixin):  # (1)!
    id: str  # the username; Flask-Login keeps it in the session
    password_hash: str
    roles: set[str] = field(default_factory=set)


USERS: dict[str, User] = {}  # (2)!
DUMMY_HASH = generate_password_hash("not-a-real-password")


def add_user(username: str, password: str, roles: set[str] | None = None) -> User:
    user = User(username, generate_password_hash(password), roles or set())  # (3)!
    USERS[username] = user
    return user


def authenticate(username: str, password: str) -> User | None:
    user = USERS.get(username)
    if user is None:
        check_password(DUMMY_HASH, password)  # (4)!
        return None
    return user if check_password(user.password_hash, password) else None


HASHING_SLOTS = threading.BoundedSemaphore(4)  # (5)!
HASHING_WAIT_SECONDS = 2.0


def check_password(hashed: str, password: str) -> bool:
    if not HASHING_SLOTS.acquire(timeout=HASHING_WAIT_SECONDS):
        raise ServiceUnavailable("Too many logins at once, try again shortly.", retry_after=1)  # (6)!
    try:
        return check_password_hash(hashed, password)
    finally:
        HASHING_SLOTS.release()

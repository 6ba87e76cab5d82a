"""Exercise (serialization): POST /users answers the password back. Never send it out."""

from fastapi import FastAPI
from pwdlib import PasswordHash
from pydantic import BaseModel, Field, SecretStr

password_hash = PasswordHash.recommended()
USERS: dict[str, str] = {}  # username: password hash; a database, in a real app
app = FastAPI()


class User(BaseModel):
    username: str = Field(min_length=1, max_length=30)
    password: SecretStr = Field(min_length=12)  # shown as ********** when serialized


@app.post("/users", status_code=201)
def create_user(user: User) -> User:
    USERS[user.username] = password_hash.hash(user.password.get_secret_value())
    return user

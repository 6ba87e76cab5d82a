# Run from the snippets/ folder of the guide, inside its environment.
# --8<-- [start:flask]
flask --app compare.websockets.flask_chat run --port "${PORT:-8000}"
# --8<-- [end:flask]
# --8<-- [start:gunicorn]
gunicorn --threads 100 --bind "127.0.0.1:${PORT:-8000}" compare.websockets.flask_chat:app
# --8<-- [end:gunicorn]
# --8<-- [start:fastapi]
uvicorn compare.websockets.fastapi_chat:app --port "${PORT:-8000}" --ws-max-size 65536
# --8<-- [end:fastapi]
# --8<-- [start:django]
daphne --port "${PORT:-8000}" compare.websockets.django_chat.asgi:application
# --8<-- [end:django]
# --8<-- [start:socketio]
gunicorn -w 1 --threads 100 --bind "127.0.0.1:${PORT:-8000}" compare.websockets.socketio_chat:app
# --8<-- [end:socketio]

# --8<-- [start:lifespan]
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

import httpx
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import StreamingResponse

from projects.ai_chat.models import ChatReply, ChatRequest
from projects.ai_chat.settings import Settings
from projects.ai_chat.upstream import complete, open_stream, text_deltas


def create_app(transport: httpx.AsyncBaseTransport | None = None) -> FastAPI:
    settings = Settings()  # (1)!

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[dict[str, Any]]:
        async with httpx.AsyncClient(  # (2)!
            base_url=settings.base_url,
            headers={"Authorization": f"Bearer {settings.api_key.get_secret_value()}"},
            timeout=httpx.Timeout(settings.connect_timeout, read=settings.read_timeout, pool=2.0),  # (3)!
            limits=httpx.Limits(max_connections=settings.max_connections),
            transport=transport,  # (4)!
        ) as client:
            yield {"client": client, "model": settings.model}  # (5)!

    app = FastAPI(title="AI chat", lifespan=lifespan)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.allowed_origins,  # (6)!
        allow_methods=["POST"],
        allow_headers=["Content-Type"],
        expose_headers=["Retry-After"],  # (7)!
    )
    app.include_router(router)
    return app
# --8<-- [end:lifespan]


# --8<-- [start:routes]
router = APIRouter()


def upstream_client(request: Request) -> httpx.AsyncClient:
    return request.state.client


def model_name(request: Request) -> str:
    return request.state.model


Client = Annotated[httpx.AsyncClient, Depends(upstream_client)]
Model = Annotated[str, Depends(model_name)]


@router.post("/chat")
async def chat(body: ChatRequest, client: Client, model: Model) -> ChatReply:  # (1)!
    return ChatReply(reply=await complete(client, model, body))


@router.post("/chat/stream")
async def chat_stream(body: ChatRequest, client: Client, model: Model) -> StreamingResponse:
    upstream = await open_stream(client, model, body)  # (2)!
    return StreamingResponse(
        text_deltas(upstream),
        media_type="text/plain; charset=utf-8",  # (3)!
        headers={"X-Accel-Buffering": "no"},  # (4)!
    )
# --8<-- [end:routes]

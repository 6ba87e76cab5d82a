from typing import Annotated

from fastapi import APIRouter, Depends

from ..config import Settings, get_settings

router = APIRouter()


@router.get("/")
def home(settings: Annotated[Settings, Depends(get_settings)]):  # (1)!
    return {"site": settings.site_name}

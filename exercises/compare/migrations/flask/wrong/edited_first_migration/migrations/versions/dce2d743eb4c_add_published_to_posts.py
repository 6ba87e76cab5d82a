"""add published to posts

Revision ID: dce2d743eb4c
Revises: 94b28327ea32
Create Date: 2026-11-23 14:20:32.441011

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'dce2d743eb4c'
down_revision = '94b28327ea32'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass

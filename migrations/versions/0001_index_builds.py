"""Record search index builds: when, how many documents, from which content.

Revision ID: 0001_index_builds
Revises:
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = "0001_index_builds"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "index_build",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("document_count", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("trigger", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("index_build", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_index_build_built_at"), ["built_at"], unique=False)


def downgrade():
    with op.batch_alter_table("index_build", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_index_build_built_at"))
    op.drop_table("index_build")

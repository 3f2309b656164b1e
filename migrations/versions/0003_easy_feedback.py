"""« Je n’ai pas compris »: anonymous marks on easy-to-read pages and sentences.

Revision ID: 0003_easy_feedback
Revises: 0002_evaluations
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = "0003_easy_feedback"
down_revision = "0002_evaluations"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "easy_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("page", sa.String(length=120), nullable=False),
        sa.Column("sentence", sa.Integer(), nullable=True),
        sa.Column("text_digest", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("easy_feedback", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_easy_feedback_page"), ["page"], unique=False)


def downgrade():
    with op.batch_alter_table("easy_feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_easy_feedback_page"))
    op.drop_table("easy_feedback")

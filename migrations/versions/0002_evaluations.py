"""Digital-tool evaluations: the evaluation, its current answers and its revisions.

Revision ID: 0002_evaluations
Revises: 0001_index_builds
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = "0002_evaluations"
down_revision = "0001_index_builds"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "evaluation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("share_token", sa.String(length=64), nullable=False),
        sa.Column("edit_token_hash", sa.String(length=64), nullable=False),
        sa.Column("tool_name", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=True),
        sa.Column("criteria_version", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_evaluation_share_token", "evaluation", ["share_token"], unique=True)
    op.create_index("ix_evaluation_edit_token_hash", "evaluation", ["edit_token_hash"],
                    unique=True)
    op.create_table(
        "evaluation_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evaluation_id", sa.Integer(), nullable=False),
        sa.Column("criterion", sa.String(length=80), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("value", sa.String(length=40), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("evidence_reference", sa.Text(), nullable=False),
        sa.Column("evidence_checked_on", sa.Date(), nullable=True),
        sa.Column("evidence_status", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(["evaluation_id"], ["evaluation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("evaluation_id", "criterion"),
    )
    op.create_index("ix_evaluation_answer_evaluation_id", "evaluation_answer",
                    ["evaluation_id"], unique=False)
    op.create_table(
        "evaluation_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evaluation_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("criteria_version", sa.Integer(), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["evaluation_id"], ["evaluation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("evaluation_id", "number"),
    )
    op.create_index("ix_evaluation_revision_evaluation_id", "evaluation_revision",
                    ["evaluation_id"], unique=False)


def downgrade():
    op.drop_index("ix_evaluation_revision_evaluation_id", table_name="evaluation_revision")
    op.drop_table("evaluation_revision")
    op.drop_index("ix_evaluation_answer_evaluation_id", table_name="evaluation_answer")
    op.drop_table("evaluation_answer")
    op.drop_index("ix_evaluation_edit_token_hash", table_name="evaluation")
    op.drop_index("ix_evaluation_share_token", table_name="evaluation")
    op.drop_table("evaluation")

"""Practices proposed by teams, and the history of their states.

Revision ID: 0006_proposals
Revises: 0005_rereading
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = "0006_proposals"
down_revision = "0005_rereading"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("proposal",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("kind", sa.String(length=20), nullable=False),
    sa.Column("state", sa.String(length=30), nullable=False),
    sa.Column("title", sa.String(length=200), nullable=False),
    sa.Column("data", sa.JSON(), nullable=False),
    sa.Column("email", sa.String(length=254), nullable=True),
    sa.Column("edit_token_hash", sa.String(length=64), nullable=False),
    sa.Column("read_token", sa.String(length=64), nullable=False),
    sa.Column("questionnaire_version", sa.Integer(), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint("id")
    )
    with op.batch_alter_table("proposal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_proposal_edit_token_hash"), ["edit_token_hash"],
                              unique=True)
        batch_op.create_index(batch_op.f("ix_proposal_read_token"), ["read_token"], unique=True)
        batch_op.create_index(batch_op.f("ix_proposal_state"), ["state"], unique=False)

    op.create_table("proposal_event",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("proposal_id", sa.Integer(), nullable=False),
    sa.Column("state", sa.String(length=30), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("reason", sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(["proposal_id"], ["proposal.id"], ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id")
    )
    with op.batch_alter_table("proposal_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_proposal_event_proposal_id"), ["proposal_id"],
                              unique=False)



def downgrade():
    with op.batch_alter_table("proposal_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_proposal_event_proposal_id"))

    op.drop_table("proposal_event")
    with op.batch_alter_table("proposal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_proposal_state"))
        batch_op.drop_index(batch_op.f("ix_proposal_read_token"))
        batch_op.drop_index(batch_op.f("ix_proposal_edit_token_hash"))

    op.drop_table("proposal")

"""Rereadings of easy-to-read pages by people concerned: sessions and invitations.

Revision ID: 0005_rereading
Revises: 0004_accounts
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = "0005_rereading"
down_revision = "0004_accounts"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("rereading",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("page", sa.String(length=120), nullable=False),
    sa.Column("title", sa.String(length=300), nullable=False),
    sa.Column("text_digest", sa.String(length=64), nullable=False),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("state", sa.String(length=20), nullable=False),
    sa.Column("opened_by_id", sa.Integer(), nullable=True),
    sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("readers", sa.Integer(), nullable=True),
    sa.Column("credited", sa.String(length=300), nullable=True),
    sa.Column("questions_version", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(["opened_by_id"], ["user_account.id"], ondelete="SET NULL"),
    sa.PrimaryKeyConstraint("id")
    )
    with op.batch_alter_table("rereading", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rereading_page"), ["page"], unique=False)
        batch_op.create_index(batch_op.f("ix_rereading_state"), ["state"], unique=False)

    op.create_table("rereading_invite",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("rereading_id", sa.Integer(), nullable=False),
    sa.Column("number", sa.Integer(), nullable=False),
    sa.Column("token_hash", sa.String(length=64), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("sentences", sa.JSON(), nullable=False),
    sa.Column("words", sa.Text(), nullable=False),
    sa.Column("answers", sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(["rereading_id"], ["rereading.id"], ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("rereading_id", "number")
    )
    with op.batch_alter_table("rereading_invite", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rereading_invite_rereading_id"), ["rereading_id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_rereading_invite_token_hash"), ["token_hash"],
                              unique=True)



def downgrade():
    with op.batch_alter_table("rereading_invite", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rereading_invite_token_hash"))
        batch_op.drop_index(batch_op.f("ix_rereading_invite_rereading_id"))

    op.drop_table("rereading_invite")
    with op.batch_alter_table("rereading", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rereading_state"))
        batch_op.drop_index(batch_op.f("ix_rereading_page"))

    op.drop_table("rereading")

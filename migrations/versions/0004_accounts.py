"""Accounts (editors, reviewers, admins) and the audit log of their actions.

Revision ID: 0004_accounts
Revises: 0003_easy_feedback
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = "0004_accounts"
down_revision = "0003_easy_feedback"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("user_account",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("username", sa.String(length=60), nullable=False),
    sa.Column("display_name", sa.String(length=120), nullable=False),
    sa.Column("role", sa.String(length=20), nullable=False),
    sa.Column("reviewer_kind", sa.String(length=30), nullable=True),
    sa.Column("password_hash", sa.String(length=200), nullable=False),
    sa.Column("active", sa.Boolean(), nullable=False),
    sa.Column("session_version", sa.Integer(), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint("id")
    )
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_account_username"), ["username"], unique=True)

    op.create_table("audit_entry",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor_id", sa.Integer(), nullable=True),
    sa.Column("actor_name", sa.String(length=120), nullable=False),
    sa.Column("action", sa.String(length=60), nullable=False),
    sa.Column("target", sa.String(length=200), nullable=False),
    sa.Column("detail", sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(["actor_id"], ["user_account.id"], ondelete="SET NULL"),
    sa.PrimaryKeyConstraint("id")
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_entry_action"), ["action"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_entry_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_entry_at"), ["at"], unique=False)



def downgrade():
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_entry_at"))
        batch_op.drop_index(batch_op.f("ix_audit_entry_actor_id"))
        batch_op.drop_index(batch_op.f("ix_audit_entry_action"))

    op.drop_table("audit_entry")
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_account_username"))

    op.drop_table("user_account")

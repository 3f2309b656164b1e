"""The e-mail outbox and the requests to replicate a practice.

Revision ID: 0008_outbox
Revises: 0007_reviews
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = "0008_outbox"
down_revision = "0007_reviews"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("outbox_message",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("recipient", sa.String(length=254), nullable=False),
    sa.Column("subject", sa.String(length=200), nullable=False),
    sa.Column("body", sa.Text(), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("attempts", sa.Integer(), nullable=False),
    sa.Column("last_error", sa.String(length=300), nullable=True),
    sa.PrimaryKeyConstraint("id")
    )
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_message_sent_at"), ["sent_at"], unique=False)

    op.create_table("replication_request",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("page", sa.String(length=120), nullable=False),
    sa.Column("name", sa.String(length=120), nullable=False),
    sa.Column("organisation", sa.String(length=200), nullable=False),
    sa.Column("email", sa.String(length=254), nullable=True),
    sa.Column("message", sa.Text(), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("relayed_at", sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint("id")
    )
    with op.batch_alter_table("replication_request", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_replication_request_page"), ["page"], unique=False)



def downgrade():
    with op.batch_alter_table("replication_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_replication_request_page"))

    op.drop_table("replication_request")
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_message_sent_at"))

    op.drop_table("outbox_message")

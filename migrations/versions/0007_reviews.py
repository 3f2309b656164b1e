"""Reviews of proposals, the right of reply and the published page of an accepted one.

Revision ID: 0007_reviews
Revises: 0006_proposals
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = "0007_reviews"
down_revision = "0006_proposals"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("review",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("proposal_id", sa.Integer(), nullable=False),
    sa.Column("reviewer_id", sa.Integer(), nullable=True),
    sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("interests", sa.Text(), nullable=True),
    sa.Column("level", sa.String(length=40), nullable=True),
    sa.Column("scale_version", sa.Integer(), nullable=True),
    sa.Column("justification", sa.Text(), nullable=True),
    sa.Column("comments", sa.Text(), nullable=True),
    sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(["proposal_id"], ["proposal.id"], ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["reviewer_id"], ["user_account.id"], ondelete="SET NULL"),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("proposal_id", "reviewer_id")
    )
    with op.batch_alter_table("review", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_proposal_id"), ["proposal_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_review_reviewer_id"), ["reviewer_id"], unique=False)

    with op.batch_alter_table("proposal", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reply", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("reply_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("published_slug", sa.String(length=120), nullable=True))



def downgrade():
    with op.batch_alter_table("proposal", schema=None) as batch_op:
        batch_op.drop_column("published_slug")
        batch_op.drop_column("reply_at")
        batch_op.drop_column("reply")

    with op.batch_alter_table("review", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_reviewer_id"))
        batch_op.drop_index(batch_op.f("ix_review_proposal_id"))

    op.drop_table("review")

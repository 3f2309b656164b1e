"""E-mail notifications through an outbox: every message is first written to the database,
then sent by SMTP when MAIL_SERVER is set (`flask mail send`, or at once after the action
that queued it). Nothing is lost without SMTP or when the server is down: editors read
the outbox at /edition/courriels."""

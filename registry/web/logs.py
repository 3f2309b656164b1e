"""Log lines without secrets, as text or as JSON.

Edit and share tokens are capabilities: whoever reads a log line holding one can edit or
read an evaluation. Every record (of this app, werkzeug, gunicorn or any library) is
redacted when it is created, its traceback included, before any handler formats it.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import re
import traceback

REDACTED = "[redacted]"
# Tokens in the paths of private pages and of the API, and in `?e=` (compare evaluations).
SECRETS = re.compile(r"(?P<keep>/numerique/(?:modifier|evaluations)/|/api/v1/evaluations/|"
                     r"[?&]e=)(?P<token>[A-Za-z0-9_%-]{8,})")


def redact(text: str) -> str:
    return SECRETS.sub(lambda m: m.group("keep") + REDACTED, text)


def _redacting_factory(make_record):
    def factory(*args, **kwargs):
        record = make_record(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a malformed call: leave the record as logging would
            return record
        record.msg, record.args = redact(message), ()
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)))
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return record

    factory.redacts = True
    return factory


def install_redaction() -> None:
    """Redact every log record of the process (once, whatever the number of apps)."""
    current = logging.getLogRecordFactory()
    if not getattr(current, "redacts", False):
        logging.setLogRecordFactory(_redacting_factory(current))


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message (and traceback)."""

    def format(self, record: logging.LogRecord) -> str:
        line = {"time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(),
                "level": record.levelname, "logger": record.name,
                "message": record.getMessage()}
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line["traceback"] = record.exc_text
        return json.dumps(line, ensure_ascii=False)


def use_json_lines(app) -> None:
    """Format the app's log lines (its modules' loggers propagate to it) and gunicorn's
    as JSON. The root logger is left to whoever configured it."""
    if not app.logger.handlers:
        app.logger.addHandler(logging.StreamHandler())
    loggers = [app.logger, logging.getLogger("gunicorn.error"),
               logging.getLogger("gunicorn.access"), logging.getLogger("werkzeug")]
    for handler in {h for logger in loggers for h in logger.handlers}:
        handler.setFormatter(JsonFormatter())


def init_app(app) -> None:
    install_redaction()
    if app.config["REGISTRY_LOG_FORMAT"] == "json":
        use_json_lines(app)

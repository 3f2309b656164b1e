"""CSV and JSON downloads: one way to build them for every export of the site."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence

from flask import Response

# A cell starting with one of these would run as a formula in a spreadsheet.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_text(columns: Sequence[str], rows: Iterable[Sequence]) -> str:
    """CSV with a header row, CRLF line ends and formula-safe cells."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()


def csv_download(columns: Sequence[str], rows: Iterable[Sequence], filename: str) -> Response:
    """A CSV attachment; the byte-order mark lets spreadsheets read it as UTF-8."""
    response = Response("\ufeff" + csv_text(columns, rows), mimetype="text/csv")
    response.headers["Content-Disposition"] = f"attachment; filename={filename}"
    return response


def json_body(data, status: int = 200) -> Response:
    """Readable JSON (accents kept, indented)."""
    return Response(json.dumps(data, ensure_ascii=False, indent=2), status=status,
                    mimetype="application/json")


def json_download(data, filename: str) -> Response:
    response = json_body(data)
    response.headers["Content-Disposition"] = f"attachment; filename={filename}"
    return response

"""Reading an uploaded CSV the way spreadsheets in Indonesian offices write it (UTF-8 with or
without BOM, comma or semicolon), and the shape of an all-or-nothing import's result: every bad
row with its row number (the header is row 1, as a spreadsheet shows it) and its reason."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import gettext as _

from portal.core.forms import show_domain_error
from portal.core.models import DomainError
from portal.core.text import squash_spaces
from portal.extensions import db


@dataclass
class RowError:
    row: int
    message: str


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def decode_csv(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DomainError(_("Berkas harus CSV dengan penyandian UTF-8 (di Excel: Simpan "
                            "sebagai → CSV UTF-8)."), "berkas") from None


def csv_reader(text: str, required: Iterable[str]) -> csv.DictReader:
    """Rows as dicts keyed by lower-case column names; refuses a file without the required
    columns, naming them."""
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    if not reader.fieldnames:
        raise DomainError(_("Berkas kosong."), "berkas")
    reader.fieldnames = [squash_spaces(name).lower() for name in reader.fieldnames]
    missing = [name for name in required if name not in reader.fieldnames]
    if missing:
        raise DomainError(_("Kolom wajib tidak ada: %(kolom)s.", kolom=", ".join(missing)),
                          "berkas")
    return reader


def data_rows(reader: csv.DictReader, max_rows: int) -> Iterator[tuple[int, dict[str, str]]]:
    """The data rows of an import, each with its row number as a spreadsheet shows it (the
    header is row 1) and its values with spaces squashed (a missing cell is ""); blank lines (a
    spreadsheet export's last rows) are skipped. A file of more than ``max_rows`` rows is
    refused whole. Refuses a file with no data row at all."""
    any_row = False
    for number, raw in enumerate(reader, start=2):
        if number - 1 > max_rows:
            raise DomainError(_("Berkas berisi lebih dari %(n)s baris; bagi menjadi beberapa "
                                "berkas.", n=max_rows), "berkas")
        values = {name: squash_spaces(value if isinstance(value, str) else "")
                  for name, value in raw.items() if isinstance(name, str)}
        if not any(values.values()):
            continue
        any_row = True
        yield number, values
    if not any_row:
        raise DomainError(_("Berkas tidak berisi satu baris data pun."), "berkas")


def run_upload(form, run: Callable[..., ImportResult]) -> ImportResult | None:
    """Check an import form (its file field is ``berkas``) and run the import on the uploaded
    bytes: ``run(data, max_rows=…)``. None when the form or the file itself was refused (the
    reason is on the form); otherwise the result, with nothing kept when a row was bad. The view
    commits when ``result.ok``."""
    if not form.validate_on_submit():
        return None
    try:
        result = run(form.berkas.data.read(), max_rows=current_app.config["PORTAL_IMPORT_MAX_ROWS"])
    except DomainError as error:
        show_domain_error(form, error)
        return None
    if not result.ok:
        db.session.rollback()
    return result


def csv_text(header: list[str], rows: Iterable[Iterable]) -> str:
    """A download: UTF-8 with a byte-order mark, so spreadsheet programs read the letters right."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()

"""Reading an uploaded CSV the way spreadsheets in Indonesian offices write it (UTF-8 with or
without BOM, comma or semicolon), and the shape of an all-or-nothing import's result: every bad
row with its row number (the header is row 1, as a spreadsheet shows it) and its reason."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from flask_babel import gettext as _

from portal.core.models import DomainError
from portal.core.text import squash_spaces


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

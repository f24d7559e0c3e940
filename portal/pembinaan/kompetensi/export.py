"""The OPD's JP list as rows, and the same as CSV and XLSX downloads."""

from __future__ import annotations

import io

from flask_babel import gettext as _

from portal.core.csvfile import csv_text
from portal.pembinaan.kompetensi.queries import RekapUnit


def header() -> list[str]:
    return [_("Unit kerja"), _("NIP"), _("Nama"), _("Jabatan"), _("Status ASN"),
            _("JP tercatat"), _("JP dihitung"), _("Target JP"), _("Kekurangan JP"),
            _("Mencapai target")]


def rows(units: list[RekapUnit]) -> list[list]:
    return [[b.unit, b.pegawai.nip, b.pegawai.nama, b.pegawai.jabatan, b.pegawai.status_asn.value,
             b.rekap.jp_tercatat, b.rekap.jp, b.rekap.target, b.rekap.kurang,
             _("Ya") if b.rekap.tercapai else _("Tidak")]
            for unit in units for b in unit.baris]


def to_csv(units: list[RekapUnit]) -> str:
    return csv_text(header(), rows(units))


def to_xlsx(units: list[RekapUnit], title: str) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True})
    # the NIP is text: as a number a spreadsheet would show 1.98E+17
    text = book.add_format({"num_format": "@"})
    sheet = book.add_worksheet(_("JP pegawai")[:31])
    sheet.write(0, 0, title, bold)
    sheet.write_row(2, 0, header(), bold)
    for i, row in enumerate(rows(units), start=3):
        sheet.write_row(i, 0, row[:1])
        sheet.write_string(i, 1, row[1], text)
        sheet.write_row(i, 2, row[2:])
    sheet.set_column(0, 0, 36)
    sheet.set_column(1, 1, 20)
    sheet.set_column(2, 3, 32)
    sheet.set_column(4, 9, 14)
    book.close()
    return buffer.getvalue()

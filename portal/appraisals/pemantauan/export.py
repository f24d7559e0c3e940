"""The monitoring report's tables as rows, and the same tables as CSV and XLSX downloads."""

from __future__ import annotations

import csv
import io

from flask_babel import gettext as _

from portal.appraisals.evaluasi.models import PREDIKAT_LABEL
from portal.appraisals.pemantauan.queries import Report


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.1f}"


def completion_table(report: Report) -> tuple[list[str], list[list]]:
    header = [_("OPD") if report.opd is None else _("Unit kerja"), _("Pegawai"),
              _("SKP ditetapkan"), _("Evaluasi diajukan"), _("Evaluasi disetujui"),
              _("Terlambat"), _("Persen disetujui")]
    rows = [[r.label, r.pegawai, r.skp_set, r.diajukan, r.disetujui, r.terlambat,
             _pct(r.share(r.disetujui))] for r in [*report.rows, report.total]]
    return header, rows


def state_label(state: str) -> str:
    return {"sesuai": _("Sesuai aturan"), "lebih": _("Melebihi batas atas"),
            "kurang": _("Di bawah batas minimum")}[state]


def distribution_table(report: Report) -> tuple[list[str], list[list]]:
    header = [_("Predikat"), _("Jumlah"), _("Persen dari yang dinilai")]
    total = sum((report.counts or {}).values())
    rows = [[str(PREDIKAT_LABEL[p]), n, _pct(n / total if total else None)]
            for p, n in (report.counts or {}).items()]
    rows.append([_("Jumlah"), total, ""])
    return header, rows


def calibration_table(report: Report) -> tuple[list[str], list[list]]:
    header = [_("Kelompok predikat"), _("Jumlah"), _("Persen dari yang dinilai"), _("Minimum (persen)"),
              _("Maksimum (persen)"), _("Keterangan")]
    rows = [[row.label, row.jumlah, _pct(row.share), _pct(row.minimum), _pct(row.maksimum),
             state_label(row.state)] for row in report.calibration or []]
    return header, rows


def tables(report: Report) -> list[tuple[str, list[str], list[list]]]:
    out = [(_("Penyelesaian"), *completion_table(report))]
    if report.counts is not None:
        out.append((_("Distribusi predikat"), *distribution_table(report)))
    if report.calibration is not None:
        out.append((_("Kalibrasi"), *calibration_table(report)))
    return out


def to_csv(header: list[str], rows: list[list]) -> str:
    """UTF-8 text with a byte-order mark, so spreadsheet programs read the letters right."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def to_xlsx(report: Report, title: str) -> bytes:
    """One worksheet per table, with a title line naming the OPD (or pemda) and the period."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True})
    for name, header, rows in tables(report):
        sheet = book.add_worksheet(name[:31])
        sheet.write(0, 0, title, bold)
        sheet.write_row(2, 0, header, bold)
        for i, row in enumerate(rows, start=3):
            sheet.write_row(i, 0, [_number(v) for v in row])
        sheet.set_column(0, 0, 40)
        sheet.set_column(1, len(header) - 1, 16)
    book.close()
    return buffer.getvalue()


def _number(value):
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return value
    return value

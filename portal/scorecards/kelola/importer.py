"""CSV import of monthly service figures: all or nothing, every bad row reported with its row
number (the header is row 1, as a spreadsheet shows it), in the style of org/importer.py."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

import sqlalchemy as sa
from flask_babel import gettext as _

from portal.core.csvfile import ImportResult, RowError, csv_reader, data_rows, decode_csv
from portal.core.models import DomainError, record_audit
from portal.extensions import db
from portal.org.models import Layanan, Opd
from portal.scorecards.kelola.services import Capaian, check_capaian
from portal.scorecards.models import CapaianLayanan

COLUMNS = ("layanan", "tahun", "bulan", "permohonan", "selesai_tepat_waktu", "rata_hari_proses",
           "rata_menit_tunggu")


def template_csv(opd: Opd) -> str:
    example = opd.layanan[0].slug if opd.layanan else "penerbitan-ktp-el"
    return ",".join(COLUMNS) + f"\n{example},2026,9,412,389,2.4,18.5\n"


def _int(raw: str) -> int | None:
    try:
        return int(raw)
    except ValueError:
        return None


def _decimal(raw: str) -> Decimal | None:
    try:
        value = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def import_capaian_csv(actor, opd: Opd, data: bytes, *, max_rows: int = 20000,
                       today: date | None = None) -> ImportResult:
    result = ImportResult()
    reader = csv_reader(decode_csv(data), COLUMNS)
    layanan = list(db.session.scalars(sa.select(Layanan).where(Layanan.opd_id == opd.id)))
    lookup = {item.slug.lower(): item for item in layanan}
    lookup.update({item.nama.lower(): item for item in layanan})
    parsed: list[tuple[Layanan, int, int, Capaian]] = []
    seen: dict[tuple[int, int, int], int] = {}
    for number, raw in data_rows(reader, max_rows):
        values = {name: raw.get(name, "") for name in COLUMNS}
        problems: list[str] = []
        item = lookup.get(values["layanan"].lower())
        if item is None:
            problems.append(_("layanan \"%(layanan)s\" tidak ada di OPD ini",
                              layanan=values["layanan"]))
        numbers = {name: _int(values[name]) for name in ("tahun", "bulan", "permohonan",
                                                         "selesai_tepat_waktu")}
        decimals = {name: _decimal(values[name]) for name in ("rata_hari_proses",
                                                              "rata_menit_tunggu")}
        for name, value in {**numbers, **decimals}.items():
            if value is None:
                problems.append(_("kolom %(kolom)s harus berupa angka", kolom=name))
        if not problems:
            capaian = Capaian(numbers["permohonan"], numbers["selesai_tepat_waktu"],
                              decimals["rata_hari_proses"], decimals["rata_menit_tunggu"])
            try:
                check_capaian(numbers["tahun"], numbers["bulan"], capaian, today)
            except DomainError as error:
                problems.append(error.message)
            key = (item.id, numbers["tahun"], numbers["bulan"])
            if key in seen:
                problems.append(_("layanan dan bulan yang sama sudah ada di baris %(baris)s",
                                  baris=seen[key]))
            seen.setdefault(key, number)
        if problems:
            result.errors.extend(RowError(number, problem) for problem in problems)
            continue
        parsed.append((item, numbers["tahun"], numbers["bulan"], capaian))
    if result.errors:
        return result
    existing = {(row.layanan_id, row.tahun, row.bulan): row for row in db.session.scalars(
        sa.select(CapaianLayanan).where(CapaianLayanan.opd_id == opd.id))}
    for item, tahun, bulan, capaian in parsed:
        row = existing.get((item.id, tahun, bulan))
        if row is None:
            row = CapaianLayanan(layanan_id=item.id, opd_id=opd.id, tahun=tahun, bulan=bulan)
            db.session.add(row)
            result.created += 1
        else:
            result.updated += 1
        row.permohonan, row.selesai_tepat_waktu = capaian.permohonan, capaian.selesai_tepat_waktu
        row.rata_hari_proses = capaian.rata_hari_proses
        row.rata_menit_tunggu = capaian.rata_menit_tunggu
    db.session.flush()
    record_audit(actor, opd, "capaian_diimpor",
                 comment=f"{result.created} bulan baru, {result.updated} diperbarui dari CSV")
    return result

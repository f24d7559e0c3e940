"""Bulk import of staff from CSV: all or nothing. Every bad row is reported with its row number
(the header is row 1, as a spreadsheet shows it) and its reason; nothing is written unless the
whole file is valid."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _

from portal.core.csvfile import ImportResult, RowError, csv_reader, data_rows, decode_csv
from portal.core.models import DomainError, record_audit
from portal.core.text import squash_spaces
from portal.extensions import db
from portal.org.models import JenisJabatan, Opd, Pegawai, StatusAsn, UnitKerja
from portal.org.nip import NipError, clean_nip, parse_nip
from portal.org.services import check_golongan

COLUMNS = ("nip", "nama", "jabatan", "jenis_jabatan", "golongan", "status_asn", "unit",
           "nip_atasan", "email")
REQUIRED = ("nip", "nama", "jabatan", "jenis_jabatan", "status_asn", "unit")
EXAMPLE_ROW = ("199001152015031002", "Rina Marlina, S.Kom.", "Pranata Komputer Ahli Pertama",
               "fungsional", "III/b", "PNS", "Sekretariat / Subbagian Umum dan Kepegawaian",
               "198203102006041001", "rina.marlina@example.go.id")
_CHUNK = 500  # stays under SQLite's bound-parameter limit


@dataclass
class _Row:
    number: int
    nip: str
    nama: str
    jabatan: str
    jenis_jabatan: JenisJabatan
    golongan: str | None
    status_asn: StatusAsn
    unit: UnitKerja
    nip_atasan: str | None
    email: str | None


def template_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerow(EXAMPLE_ROW)
    return out.getvalue()


def _unit_lookup(opd: Opd) -> dict[str, UnitKerja | None]:
    """Map a unit's name and its full path ("Bidang X / Seksi Y") to the unit; a name used by
    two units maps to None so the row must give the path."""
    units = list(db.session.scalars(sa.select(UnitKerja).where(UnitKerja.opd_id == opd.id)))
    by_id = {u.id: u for u in units}
    lookup: dict[str, UnitKerja | None] = {}
    for unit in units:
        path, node = [unit.nama], unit
        while node.parent_id is not None:
            node = by_id[node.parent_id]
            path.append(node.nama)
        lookup[" / ".join(reversed(path)).lower()] = unit
        key = unit.nama.lower()
        lookup[key] = None if key in lookup and lookup[key] is not unit else unit
    return lookup


def _existing_by_nip(nips: list[str]) -> dict[str, Pegawai]:
    found: dict[str, Pegawai] = {}
    for start in range(0, len(nips), _CHUNK):
        chunk = nips[start:start + _CHUNK]
        for pegawai in db.session.scalars(sa.select(Pegawai).where(Pegawai.nip.in_(chunk))):
            found[pegawai.nip] = pegawai
    return found


def _enum_value(enum_cls, raw: str):
    value = raw.strip().lower()
    for member in enum_cls:
        if member.value.lower() == value:
            return member
    return None


def _parse_row(number: int, raw: dict[str, str | None], units: dict[str, UnitKerja | None],
               errors: list[RowError]) -> _Row | None:
    def get(name: str) -> str:
        return squash_spaces(raw.get(name) or "")

    problems: list[str] = []
    for name in REQUIRED:
        if not get(name):
            problems.append(_("kolom %(kolom)s kosong", kolom=name))
    nip = clean_nip(get("nip"))
    if nip:
        try:
            parse_nip(nip)
        except NipError as error:
            problems.append(str(error))
    jenis = _enum_value(JenisJabatan, get("jenis_jabatan")) if get("jenis_jabatan") else None
    if get("jenis_jabatan") and jenis is None:
        problems.append(_("jenis_jabatan harus salah satu dari: %(pilihan)s",
                          pilihan=", ".join(m.value for m in JenisJabatan)))
    status = _enum_value(StatusAsn, get("status_asn")) if get("status_asn") else None
    if get("status_asn") and status is None:
        problems.append(_("status_asn harus PNS atau PPPK"))
    golongan = get("golongan") or None
    if status is not None:
        try:
            check_golongan(status, golongan)
        except DomainError as error:
            problems.append(error.message)
    unit = None
    if get("unit"):
        key = get("unit").lower()
        if key not in units:
            problems.append(_("unit \"%(unit)s\" tidak ada di OPD ini", unit=get("unit")))
        elif units[key] is None:
            problems.append(_("ada beberapa unit bernama \"%(unit)s\"; tulis jalurnya, misalnya "
                              "\"Bidang … / Seksi …\"", unit=get("unit")))
        else:
            unit = units[key]
    nip_atasan = clean_nip(get("nip_atasan")) or None
    if nip_atasan and nip_atasan == nip:
        problems.append(_("nip_atasan sama dengan NIP pegawai itu sendiri"))
    if problems:
        errors.extend(RowError(number, problem) for problem in problems)
        return None
    return _Row(number, nip, get("nama"), get("jabatan"), jenis, golongan, status, unit,
                nip_atasan, get("email") or None)


def import_pegawai_csv(actor, opd: Opd, data: bytes, *, max_rows: int = 20000) -> ImportResult:
    result = ImportResult()
    reader = csv_reader(decode_csv(data), REQUIRED)
    units = _unit_lookup(opd)
    rows: list[_Row] = []
    seen: dict[str, int] = {}
    for number, raw in data_rows(reader, max_rows):
        row = _parse_row(number, raw, units, result.errors)
        if row is None:
            continue
        if row.nip in seen:
            result.errors.append(RowError(number, _("NIP %(nip)s sudah ada di baris %(baris)s",
                                                    nip=row.nip, baris=seen[row.nip])))
            continue
        seen[row.nip] = number
        rows.append(row)

    existing = _existing_by_nip(list(seen) + [r.nip_atasan for r in rows if r.nip_atasan])
    _check_against_database(opd, rows, existing, result.errors)
    if result.errors:
        result.errors.sort(key=lambda e: e.row)
        return result
    _write(actor, opd, rows, existing, result)
    return result


def _check_against_database(opd: Opd, rows: list[_Row], existing: dict[str, Pegawai],
                            errors: list[RowError]) -> None:
    in_file = {row.nip: row for row in rows}
    for row in rows:
        current = existing.get(row.nip)
        if current is not None and current.opd_id != opd.id:
            errors.append(RowError(row.number, _("NIP %(nip)s sudah terdaftar di %(opd)s; "
                                                 "pindah OPD dilakukan oleh admin pemda",
                                                 nip=row.nip, opd=current.opd.nama)))
        if row.nip_atasan and row.nip_atasan not in in_file:
            atasan = existing.get(row.nip_atasan)
            if atasan is None:
                errors.append(RowError(row.number, _("nip_atasan %(nip)s tidak ditemukan di "
                                                     "berkas ini maupun di portal",
                                                     nip=row.nip_atasan)))
            elif atasan.opd.pemda_id != opd.pemda_id:
                errors.append(RowError(row.number, _("atasan %(nip)s bukan pegawai pemda yang "
                                                     "sama", nip=row.nip_atasan)))
    # a supervisor chain that loops back (A → B → A) through the file and the database
    def atasan_of(nip: str) -> str | None:
        if nip in in_file:
            return in_file[nip].nip_atasan
        person = existing.get(nip)
        return person.atasan.nip if person is not None and person.atasan is not None else None

    for row in rows:
        seen_chain, node = {row.nip}, row.nip_atasan
        while node is not None:
            if node in seen_chain:
                errors.append(RowError(row.number, _("rantai atasan berputar kembali ke "
                                                     "pegawai yang sama")))
                break
            seen_chain.add(node)
            if node not in in_file and node not in existing:
                break
            node = atasan_of(node)


def _write(actor, opd: Opd, rows: list[_Row], existing: dict[str, Pegawai],
           result: ImportResult) -> None:
    people: dict[str, Pegawai] = {}
    with db.session.no_autoflush:
        for row in rows:
            pegawai = existing.get(row.nip)
            if pegawai is None:
                pegawai = Pegawai(nip=row.nip)
                db.session.add(pegawai)
                result.created += 1
            else:
                result.updated += 1
            pegawai.opd, pegawai.unit = opd, row.unit
            pegawai.nama, pegawai.jabatan = row.nama, row.jabatan
            pegawai.jenis_jabatan, pegawai.status_asn = row.jenis_jabatan, row.status_asn
            pegawai.golongan, pegawai.email, pegawai.aktif = row.golongan, row.email, True
            people[row.nip] = pegawai
        for row in rows:
            people[row.nip].atasan = (people.get(row.nip_atasan) or existing.get(row.nip_atasan)
                                      if row.nip_atasan else None)
    db.session.flush()
    # audit comments are records, kept in the source language whatever the admin's locale
    record_audit(actor, opd, "pegawai_diimpor",
                 comment=f"{result.created} pegawai baru, {result.updated} diperbarui dari CSV")

"""The read side of competency development: a year's JP per pegawai (one indexed SUM over the
records already counted), a pegawai's records, the catalogue open to them, what waits for the
atasan and the admin OPD, and the OPD's staff below target per unit."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from portal.extensions import db
from portal.org.models import Opd, Pegawai, StatusAsn, UnitKerja
from portal.pembinaan.kompetensi.jp import (
    KLASIKAL,
    AturanJp,
    RekapJp,
    jp_dihitung,
    rekap_dari_total,
)
from portal.pembinaan.kompetensi.models import (
    BentukKegiatan,
    Kegiatan,
    PembelajaranMandiri,
    PesertaKegiatan,
    StatusMandiri,
    StatusPeserta,
)
from portal.pembinaan.settings import aturan_jp

PESERTA_MENUNGGU = (StatusPeserta.DIUSULKAN, StatusPeserta.DISETUJUI, StatusPeserta.HADIR)


def _counted(tahun: int, pegawai_ids) -> sa.Subquery:
    """(pegawai_id, jp) of every record counted in the year, for the pegawai named."""
    return sa.union_all(
        sa.select(PesertaKegiatan.pegawai_id.label("pegawai_id"),
                  PesertaKegiatan.jp_diakui.label("jp"))
        .where(PesertaKegiatan.tahun == tahun, PesertaKegiatan.jp_diakui.is_not(None),
               PesertaKegiatan.pegawai_id.in_(pegawai_ids)),
        sa.select(PembelajaranMandiri.pegawai_id, PembelajaranMandiri.jp_diakui)
        .where(PembelajaranMandiri.tahun == tahun, PembelajaranMandiri.jp_diakui.is_not(None),
               PembelajaranMandiri.pegawai_id.in_(pegawai_ids)),
    ).subquery()


def _jp_tahun(tahun: int) -> sa.ColumnElement[int]:
    """The verified JP of the year of the ``Pegawai`` row it is selected with: two sums the
    covering indexes ``(pegawai_id, tahun, jp_diakui)`` answer per person. For a whole OPD this
    is a fixed plan on SQLite and PostgreSQL alike (a join over every record of the year made
    PostgreSQL scan them all: 120-240 ms for an OPD of 6,000 staff, 35-75 ms this way)."""
    def total(model) -> sa.ColumnElement[int]:
        return sa.func.coalesce(
            sa.select(sa.func.sum(model.jp_diakui))
            .where(model.pegawai_id == Pegawai.id, model.tahun == tahun)
            .correlate(Pegawai).scalar_subquery(), 0)
    return total(PesertaKegiatan) + total(PembelajaranMandiri)


def jp_per_pegawai(tahun: int, pegawai_ids) -> dict[int, int]:
    """Verified JP of the year per pegawai (ids, or a select of ids); absent: none."""
    counted = _counted(tahun, pegawai_ids)
    rows = db.session.execute(sa.select(counted.c.pegawai_id, sa.func.sum(counted.c.jp))
                              .group_by(counted.c.pegawai_id))
    return {pegawai_id: int(total or 0) for pegawai_id, total in rows}


def rekap(pegawai: Pegawai, tahun: int) -> RekapJp:
    total = jp_per_pegawai(tahun, [pegawai.id]).get(pegawai.id, 0)
    return rekap_dari_total(pegawai.status_asn, tahun, total, aturan_jp())


@dataclass
class Riwayat:
    """A pegawai's records: those of the year, and those still waiting, whatever their year."""

    peserta: list[PesertaKegiatan]
    mandiri: list[PembelajaranMandiri]
    menunggu_peserta: list[PesertaKegiatan]
    menunggu_mandiri: list[PembelajaranMandiri]


def riwayat(pegawai: Pegawai, tahun: int) -> Riwayat:
    awal, akhir = date(tahun, 1, 1), date(tahun, 12, 31)
    peserta = list(db.session.scalars(
        sa.select(PesertaKegiatan).join(Kegiatan)
        .options(joinedload(PesertaKegiatan.kegiatan))
        .where(PesertaKegiatan.pegawai_id == pegawai.id)
        .order_by(Kegiatan.tanggal_mulai.desc(), PesertaKegiatan.id.desc())))
    mandiri = list(db.session.scalars(
        sa.select(PembelajaranMandiri).where(PembelajaranMandiri.pegawai_id == pegawai.id)
        .order_by(PembelajaranMandiri.tanggal_selesai.desc(), PembelajaranMandiri.id.desc())))
    return Riwayat(
        peserta=[p for p in peserta if awal <= p.kegiatan.tanggal_selesai <= akhir
                 and p.status not in PESERTA_MENUNGGU],
        mandiri=[m for m in mandiri if awal <= m.tanggal_selesai <= akhir
                 and m.status != StatusMandiri.DIAJUKAN],
        menunggu_peserta=[p for p in peserta if p.status in PESERTA_MENUNGGU],
        menunggu_mandiri=[m for m in mandiri if m.status == StatusMandiri.DIAJUKAN])


def katalog_untuk(pegawai: Pegawai, today: date) -> list[Kegiatan]:
    """Activities the pegawai may still be proposed for: open, not ended, offered to their OPD
    or to every OPD of their pemda."""
    return list(db.session.scalars(
        sa.select(Kegiatan).where(
            Kegiatan.aktif.is_(True), Kegiatan.tanggal_selesai >= today,
            sa.or_(Kegiatan.opd_id == pegawai.opd_id,
                   sa.and_(Kegiatan.opd_id.is_(None),
                           Kegiatan.pemda_id == pegawai.opd.pemda_id)))
        .order_by(Kegiatan.tanggal_mulai, Kegiatan.id)))


def bawahan_dengan_jp(atasan_id: int, tahun: int) -> list[tuple[Pegawai, RekapJp, int]]:
    """Direct subordinates with their year and how many of their proposals wait for a decision."""
    staff = list(db.session.scalars(sa.select(Pegawai).where(
        Pegawai.atasan_id == atasan_id, Pegawai.aktif.is_(True)).order_by(Pegawai.nama)))
    if not staff:
        return []
    ids = [p.id for p in staff]
    totals = jp_per_pegawai(tahun, ids)
    waiting = dict(db.session.execute(
        sa.select(PesertaKegiatan.pegawai_id, sa.func.count())
        .where(PesertaKegiatan.pegawai_id.in_(ids),
               PesertaKegiatan.status == StatusPeserta.DIUSULKAN)
        .group_by(PesertaKegiatan.pegawai_id)).all())
    aturan = aturan_jp()
    return [(p, rekap_dari_total(p.status_asn, tahun, totals.get(p.id, 0), aturan),
             waiting.get(p.id, 0)) for p in staff]


def kegiatan_dikelola(opd_ids: Iterable[int], pemda_ids: Iterable[int]) -> list[Kegiatan]:
    """The catalogue an admin keeps or uses: their OPDs' activities, every activity of their
    pemdas, and the pemda-wide activities offered to their OPDs."""
    opd_ids, pemda_ids = set(opd_ids), set(pemda_ids)
    opd_pemda = set(db.session.scalars(sa.select(Opd.pemda_id).where(Opd.id.in_(opd_ids))))
    return list(db.session.scalars(
        sa.select(Kegiatan).where(sa.or_(
            Kegiatan.opd_id.in_(opd_ids), Kegiatan.pemda_id.in_(pemda_ids),
            sa.and_(Kegiatan.opd_id.is_(None), Kegiatan.pemda_id.in_(opd_pemda))))
        .order_by(Kegiatan.tanggal_mulai.desc(), Kegiatan.id.desc())))


def peserta_dari(kegiatan: Kegiatan, opd_ids: Iterable[int] | None) -> list[PesertaKegiatan]:
    """The activity's participants, those of the given OPDs only (None: all)."""
    query = (sa.select(PesertaKegiatan).join(Pegawai)
             .options(joinedload(PesertaKegiatan.pegawai))
             .where(PesertaKegiatan.kegiatan_id == kegiatan.id))
    if opd_ids is not None:
        query = query.where(Pegawai.opd_id.in_(set(opd_ids)))
    return list(db.session.scalars(query.order_by(Pegawai.nama)))


def jumlah_mandiri_menunggu(opd_ids: Iterable[int]) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(PembelajaranMandiri).join(Pegawai)
        .where(Pegawai.opd_id.in_(set(opd_ids)),
               PembelajaranMandiri.status == StatusMandiri.DIAJUKAN))


def mandiri_menunggu(opd_ids: Iterable[int]) -> list[PembelajaranMandiri]:
    return list(db.session.scalars(
        sa.select(PembelajaranMandiri).join(Pegawai)
        .options(joinedload(PembelajaranMandiri.pegawai))
        .where(Pegawai.opd_id.in_(set(opd_ids)),
               PembelajaranMandiri.status == StatusMandiri.DIAJUKAN)
        .order_by(PembelajaranMandiri.created_at, PembelajaranMandiri.id)))


@dataclass
class BarisRekap:
    #: a row of the pegawai's columns (id, nip, nama, jabatan, status_asn), not an ORM object:
    #: an OPD of thousands loads in a fraction of the time
    pegawai: sa.Row
    unit: str
    rekap: RekapJp


@dataclass
class RekapUnit:
    unit: str
    jumlah: int
    di_bawah_target: int
    #: the rows listed as read (the pegawai's columns and ``jp``, the year's verified total);
    #: ``baris`` makes them BarisRekap only when shown, so a page of an OPD of thousands builds
    #: a hundred, not thousands
    rows: list[sa.Row]
    tahun: int
    aturan: AturanJp

    @cached_property
    def baris(self) -> list[BarisRekap]:
        return [BarisRekap(row, self.unit, rekap_dari_total(row.status_asn, self.tahun,
                                                            int(row.jp), self.aturan))
                for row in self.rows]


def rekap_opd(opd: Opd, tahun: int, unit_id: int | None = None,
              semua: bool = False) -> list[RekapUnit]:
    """The OPD's active staff per unit with their year; ``semua``: everyone, else only those
    below target listed (the unit's counts are of everyone)."""
    query = (
        sa.select(Pegawai.id, Pegawai.nip, Pegawai.nama, Pegawai.jabatan, Pegawai.status_asn,
                  UnitKerja.id.label("unit_id"), UnitKerja.nama.label("unit_nama"),
                  _jp_tahun(tahun).label("jp"))
        .join(UnitKerja, Pegawai.unit_id == UnitKerja.id)
        .where(Pegawai.opd_id == opd.id, Pegawai.aktif.is_(True))
        .order_by(UnitKerja.nama, UnitKerja.id, Pegawai.nama))
    if unit_id:
        query = query.where(Pegawai.unit_id == unit_id)
    aturan = aturan_jp()
    units: dict[int, RekapUnit] = {}
    for row in db.session.execute(query):
        group = units.get(row.unit_id)
        if group is None:
            group = units[row.unit_id] = RekapUnit(row.unit_nama, 0, 0, [], tahun, aturan)
        below = (jp_dihitung(row.status_asn, int(row.jp), aturan)
                 < aturan.target.get(row.status_asn, 0))
        group.jumlah += 1
        group.di_bawah_target += below
        if semua or below:
            group.rows.append(row)
    return list(units.values())


@dataclass
class HalamanRekap:
    """One page of the below-target list: the units with the rows that fall on it (in unit
    order), for ``_macros/forms.html`` ``pagination``."""

    page: int
    pages: int
    units: list[RekapUnit]

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1


def halaman_rekap(units: list[RekapUnit], page: int, per_page: int) -> HalamanRekap:
    total = sum(len(u.rows) for u in units)
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    start, end, seen, shown = (page - 1) * per_page, page * per_page, 0, []
    for unit in units:
        first, seen = seen, seen + len(unit.rows)
        rows = unit.rows[max(0, start - first):max(0, end - first)]
        if rows:
            shown.append(RekapUnit(unit.unit, unit.jumlah, unit.di_bawah_target, rows,
                                   unit.tahun, unit.aturan))
    return HalamanRekap(page, pages, shown)


@dataclass
class JpOpd:
    """Raw counts of one OPD's year to date, for the public scorecard (no name, no id of a
    pegawai): the snapshot applies the privacy minimum and turns them into shares."""

    #: active ASN (PNS and PPPK) of the OPD
    asn: int = 0
    pns: int = 0
    #: PNS whose counted JP reach the PNS target
    pns_capai_target: int = 0
    #: ASN with no JP counted
    asn_tanpa_jp: int = 0
    #: verified JP of every record (before a PPPK's cap), and those earned nonklasikal
    jp_diakui: int = 0
    jp_nonklasikal: int = 0
    #: counted JP (after a PPPK's cap) → how many ASN have exactly that: enough for a median,
    #: and OPDs add up to the pemda's without a second query
    sebaran: dict[int, int] = field(default_factory=dict)

    def tambah(self, other: JpOpd) -> None:
        for name in ("asn", "pns", "pns_capai_target", "asn_tanpa_jp", "jp_diakui",
                     "jp_nonklasikal"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for jp, n in other.sebaran.items():
            self.sebaran[jp] = self.sebaran.get(jp, 0) + n


def _counted_with_form(tahun: int, sebelum: date, pegawai_ids) -> sa.Subquery:
    """(pegawai_id, jp, jp_nonklasikal) of every record counted in the year whose activity
    ended before ``sebelum`` (a quarter's publication counts the year to date only)."""
    klasikal = [BentukKegiatan(b) for b in KLASIKAL]
    return sa.union_all(
        sa.select(PesertaKegiatan.pegawai_id.label("pegawai_id"),
                  PesertaKegiatan.jp_diakui.label("jp"),
                  sa.case((Kegiatan.bentuk.in_(klasikal), 0),
                          else_=PesertaKegiatan.jp_diakui).label("jp_nonklasikal"))
        .join(Kegiatan, PesertaKegiatan.kegiatan_id == Kegiatan.id)
        .where(PesertaKegiatan.tahun == tahun, PesertaKegiatan.jp_diakui.is_not(None),
               Kegiatan.tanggal_selesai < sebelum, PesertaKegiatan.pegawai_id.in_(pegawai_ids)),
        sa.select(PembelajaranMandiri.pegawai_id, PembelajaranMandiri.jp_diakui,
                  sa.case((PembelajaranMandiri.bentuk.in_(klasikal), 0),
                          else_=PembelajaranMandiri.jp_diakui))
        .where(PembelajaranMandiri.tahun == tahun, PembelajaranMandiri.jp_diakui.is_not(None),
               PembelajaranMandiri.tanggal_selesai < sebelum,
               PembelajaranMandiri.pegawai_id.in_(pegawai_ids)),
    ).subquery()


def jp_per_opd(opd_ids: Iterable[int], tahun: int, sebelum: date) -> dict[int, JpOpd]:
    """Per OPD id (every one asked for): the counts of :class:`JpOpd` for the year ``tahun`` up
    to (not including) the day ``sebelum``. Two grouped queries whatever the staff count."""
    opd_ids = list(opd_ids)
    result = {opd_id: JpOpd() for opd_id in opd_ids}
    if not opd_ids:
        return result
    staff_ids = sa.select(Pegawai.id).where(Pegawai.opd_id.in_(opd_ids), Pegawai.aktif.is_(True))
    counted = _counted_with_form(tahun, sebelum, staff_ids)
    totals = {row[0]: (int(row[1] or 0), int(row[2] or 0)) for row in db.session.execute(
        sa.select(counted.c.pegawai_id, sa.func.sum(counted.c.jp),
                  sa.func.sum(counted.c.jp_nonklasikal)).group_by(counted.c.pegawai_id))}
    aturan = aturan_jp()
    for pegawai_id, opd_id, status in db.session.execute(
            sa.select(Pegawai.id, Pegawai.opd_id, Pegawai.status_asn)
            .where(Pegawai.id.in_(staff_ids))):
        jp, nonklasikal = totals.get(pegawai_id, (0, 0))
        year = rekap_dari_total(status, tahun, jp, aturan)
        counts = result[opd_id]
        counts.asn += 1
        counts.asn_tanpa_jp += year.jp == 0
        counts.jp_diakui += jp
        counts.jp_nonklasikal += nonklasikal
        counts.sebaran[year.jp] = counts.sebaran.get(year.jp, 0) + 1
        if status == StatusAsn.PNS:
            counts.pns += 1
            counts.pns_capai_target += year.tercapai
    return result

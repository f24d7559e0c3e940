"""Read side of the public pages. Everything here reads published snapshots only
(``PublikasiRapor`` and ``RaporOpd``), never live answers, complaints or staff."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, defer

from portal.extensions import db
from portal.org.models import JENIS_OPD_LABEL, JenisOpd, Pemda
from portal.scorecards.models import PublikasiRapor, RaporOpd

#: every order ends on the name, then the id: two OPDs of the same name (in two pemda) always
#: come in the same order, on every page and in the worker's index (``indeks.py``)
SORTS = {
    "nama": (RaporOpd.opd_nama.asc(), RaporOpd.id),
    "ikm-tertinggi": (RaporOpd.ikm.desc().nulls_last(), RaporOpd.opd_nama, RaporOpd.id),
    "ikm-terendah": (RaporOpd.ikm.asc().nulls_last(), RaporOpd.opd_nama, RaporOpd.id),
    "pengaduan-tepat-waktu": (RaporOpd.persen_pengaduan_tepat_waktu.desc().nulls_last(),
                              RaporOpd.opd_nama, RaporOpd.id),
    "standar-tepat-waktu": (RaporOpd.persen_standar_tepat_waktu.desc().nulls_last(),
                            RaporOpd.opd_nama, RaporOpd.id),
}


@dataclass(frozen=True)
class Filter:
    q: str = ""
    pemda: str = ""
    kabkota: str = ""
    jenis: str = ""
    sort: str = "nama"

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> Filter:
        """The filter a query string asks for (``request.args``, or the same parsed in the
        WSGI layer by ``cepat.py``); an unknown sort is the name order."""
        sort = args.get("urut", "nama")
        return cls(q=(args.get("q") or "").strip()[:100], pemda=args.get("pemda", ""),
                   kabkota=args.get("kabkota", ""), jenis=args.get("jenis", ""),
                   sort=sort if sort in SORTS else "nama")


def current_list(f: Filter) -> sa.Select:
    stmt = (sa.select(RaporOpd).join(RaporOpd.publikasi).where(PublikasiRapor.terkini)
            .options(contains_eager(RaporOpd.publikasi), defer(RaporOpd.data)))
    if f.q:
        pattern = "%" + f.q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        stmt = stmt.where(RaporOpd.opd_nama.ilike(pattern, escape="\\"))
    if f.pemda:
        stmt = stmt.where(RaporOpd.pemda_slug == f.pemda)
    if f.kabkota:
        stmt = stmt.where(RaporOpd.kabkota_kode == f.kabkota)
    if f.jenis:
        stmt = stmt.where(RaporOpd.jenis == f.jenis)
    return stmt.order_by(*SORTS.get(f.sort, SORTS["nama"]))


def filter_options() -> dict[str, list[tuple[str, str]]]:
    rows = db.session.execute(
        sa.select(RaporOpd.pemda_slug, RaporOpd.pemda_nama, RaporOpd.kabkota_kode,
                  RaporOpd.kabkota_nama, RaporOpd.jenis)
        .join(RaporOpd.publikasi).where(PublikasiRapor.terkini).distinct()).all()
    jenis_present = {row.jenis for row in rows}
    return {
        "pemda": sorted({(r.pemda_slug, r.pemda_nama) for r in rows}, key=lambda x: x[1]),
        "kabkota": sorted({(r.kabkota_kode, r.kabkota_nama) for r in rows if r.kabkota_kode},
                          key=lambda x: x[0]),
        "jenis": [(j.value, str(JENIS_OPD_LABEL[j])) for j in JenisOpd if j.value in jenis_present],
    }


def rapor_for(slug: str, publikasi_id: int | None = None) -> RaporOpd | None:
    stmt = (sa.select(RaporOpd).join(RaporOpd.publikasi).where(RaporOpd.opd_slug == slug)
            .options(contains_eager(RaporOpd.publikasi)))
    if publikasi_id is None:
        stmt = stmt.where(PublikasiRapor.terkini)
    else:
        stmt = stmt.where(PublikasiRapor.id == publikasi_id)
    return db.session.scalars(stmt.limit(1)).first()


def trend(rapor: RaporOpd) -> list[RaporOpd]:
    """The OPD's figures in every published quarter up to this one (latest version of each)."""
    pub = rapor.publikasi
    stmt = (sa.select(RaporOpd).join(RaporOpd.publikasi)
            .where(RaporOpd.opd_id == rapor.opd_id, PublikasiRapor.pemda_id == pub.pemda_id,
                   PublikasiRapor.versi_terakhir,
                   sa.tuple_(PublikasiRapor.tahun, PublikasiRapor.triwulan)
                   < sa.tuple_(pub.tahun, pub.triwulan))
            .options(contains_eager(RaporOpd.publikasi))
            .order_by(PublikasiRapor.tahun, PublikasiRapor.triwulan))
    return [*db.session.scalars(stmt), rapor]


def versions(pemda_id: int) -> list[PublikasiRapor]:
    return list(db.session.scalars(
        sa.select(PublikasiRapor).where(PublikasiRapor.pemda_id == pemda_id)
        .order_by(PublikasiRapor.tahun.desc(), PublikasiRapor.triwulan.desc(),
                  PublikasiRapor.versi.desc())))


def all_publications() -> list[PublikasiRapor]:
    return list(db.session.scalars(
        sa.select(PublikasiRapor).options(sa.orm.joinedload(PublikasiRapor.pemda))
        .order_by(PublikasiRapor.pemda_id, PublikasiRapor.tahun.desc(),
                  PublikasiRapor.triwulan.desc(), PublikasiRapor.versi.desc())))


def current_publications() -> list[PublikasiRapor]:
    return list(db.session.scalars(
        sa.select(PublikasiRapor).where(PublikasiRapor.terkini)
        # the home page picks the portal's own province by its region code: loaded here, not
        # one query per pemda
        .options(sa.orm.joinedload(PublikasiRapor.pemda).joinedload(Pemda.wilayah))
        .order_by(PublikasiRapor.pemda_id)))


def previous_publication(pub: PublikasiRapor) -> PublikasiRapor | None:
    return db.session.scalars(
        sa.select(PublikasiRapor).where(
            PublikasiRapor.pemda_id == pub.pemda_id, PublikasiRapor.versi_terakhir,
            sa.tuple_(PublikasiRapor.tahun, PublikasiRapor.triwulan)
            < sa.tuple_(pub.tahun, pub.triwulan))
        .order_by(PublikasiRapor.tahun.desc(), PublikasiRapor.triwulan.desc()).limit(1)).first()


@dataclass(frozen=True)
class Kenaikan:
    rapor: RaporOpd
    sebelumnya: float
    sekarang: float

    @property
    def selisih(self) -> float:
        return round(self.sekarang - self.sebelumnya, 2)


def most_improved(limit: int = 5) -> list[Kenaikan]:
    """OPDs whose IKM rose most from the previous published quarter to the current one.
    Three queries of plain columns whatever the number of pemda (one pair per pemda was 1,100
    queries at national scale), then the few winners as objects."""
    current = {pub.id: pub for pub in db.session.scalars(
        sa.select(PublikasiRapor).where(PublikasiRapor.terkini))}
    latest_versions: dict[int, list[tuple[int, int, int]]] = {}
    for row in db.session.execute(sa.select(
            PublikasiRapor.id, PublikasiRapor.pemda_id, PublikasiRapor.tahun,
            PublikasiRapor.triwulan).where(PublikasiRapor.versi_terakhir)):
        latest_versions.setdefault(row.pemda_id, []).append((row.tahun, row.triwulan, row.id))
    before_of: dict[int, int] = {}  # current publication → the previous quarter's
    for pub in current.values():
        earlier = [v for v in latest_versions.get(pub.pemda_id, [])
                   if (v[0], v[1]) < (pub.tahun, pub.triwulan)]
        if earlier:
            before_of[pub.id] = max(earlier)[2]
    if not before_of:
        return []
    old = {(row.publikasi_id, row.opd_id): row.ikm for row in db.session.execute(
        sa.select(RaporOpd.publikasi_id, RaporOpd.opd_id, RaporOpd.ikm).where(
            RaporOpd.publikasi_id.in_(set(before_of.values())), RaporOpd.ikm.is_not(None)))}
    candidates = []
    for row in db.session.execute(
            sa.select(RaporOpd.id, RaporOpd.publikasi_id, RaporOpd.opd_id, RaporOpd.opd_nama,
                      RaporOpd.ikm).where(RaporOpd.publikasi_id.in_(list(before_of)),
                                          RaporOpd.ikm.is_not(None))):
        sebelumnya = old.get((before_of[row.publikasi_id], row.opd_id))
        if sebelumnya is not None:
            selisih = round(float(row.ikm) - float(sebelumnya), 2)
            if selisih > 0:
                candidates.append((-selisih, row.opd_nama, row.id, float(sebelumnya),
                                   float(row.ikm)))
    candidates.sort()
    top = candidates[:limit]
    rapor = {r.id: r for r in db.session.scalars(sa.select(RaporOpd).where(
        RaporOpd.id.in_([c[2] for c in top])).options(defer(RaporOpd.data)))}
    return [Kenaikan(rapor[c[2]], c[3], c[4]) for c in top]


def publication(publikasi_id: int) -> PublikasiRapor | None:
    return db.session.get(PublikasiRapor, publikasi_id)


"""What the scorecards answer other rooms (``portal.core.signals``): pembinaan's "Dari suara
publik ke tindakan" reads an OPD's latest published survey figures per service through
``pembinaan.suara.signals.skm_terkini``, so pembinaan never imports the scorecards.
``connect()`` runs once at app creation."""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa

from portal.extensions import db
from portal.pembinaan.suara.signals import SkmLayanan, SkmTerkini, skm_terkini
from portal.scorecards import ikm
from portal.scorecards.models import PublikasiRapor, RaporOpd


def _mutu_unsur(nrr: float | None) -> str | None:
    """The letter of one unsur: its NRR × 25 read against the IKM bands (PermenPANRB 14/2017)."""
    return None if nrr is None else ikm.mutu(ikm.round2(Decimal(str(nrr)) * 25))


def _latest(opd, **_kw) -> SkmTerkini | None:
    rapor = db.session.scalar(
        sa.select(RaporOpd).join(PublikasiRapor)
        .where(RaporOpd.opd_id == opd.id, PublikasiRapor.versi_terakhir)
        .order_by(PublikasiRapor.tahun.desc(), PublikasiRapor.triwulan.desc()).limit(1))
    if rapor is None:
        return None
    layanan = {}
    for row in rapor.data.get("layanan", []):
        nrr = tuple(row["nrr"]) if row.get("nrr") else None
        layanan[row["slug"]] = SkmLayanan(
            tampil=row.get("tampil"), responden=row.get("responden"), nilai=row.get("nilai"),
            mutu=row.get("mutu"), nrr=nrr,
            nrr_mutu=tuple(_mutu_unsur(v) for v in nrr) if nrr and row.get("mutu") else None)
    return SkmTerkini(rapor.publikasi_id, rapor.publikasi.periode_label, layanan)


def connect() -> None:
    skm_terkini.connect(_latest)

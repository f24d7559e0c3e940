"""The changes staff make on the transparency side: record a month of service figures, publish a
period. Each checks its rule, changes the objects, writes the audit entry and flushes; the view
commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import sqlalchemy as sa
from flask import current_app
from flask_babel import format_date
from flask_babel import gettext as _

from portal.core.models import DomainError, record_audit, utcnow
from portal.extensions import db
from portal.org.models import Layanan, Opd, Pemda
from portal.scorecards import ikm, prerender, snapshot
from portal.scorecards.models import (
    TRIWULAN_LABEL,
    CapaianLayanan,
    PublikasiRapor,
    RaporOpd,
    periode_bounds,
)


@dataclass(frozen=True)
class Capaian:
    permohonan: int
    selesai_tepat_waktu: int
    rata_hari_proses: Decimal
    rata_menit_tunggu: Decimal


def check_capaian(tahun: int, bulan: int, data: Capaian, today: date | None = None) -> None:
    """The rules of one month's figures; raises DomainError naming the field."""
    today = today or date.today()
    if not 1 <= bulan <= 12:
        raise DomainError(_("Bulan harus 1 sampai 12."), "bulan")
    if tahun < 2000 or (tahun, bulan) > (today.year, today.month):
        raise DomainError(_("Bulan itu belum berjalan; isi capaian bulan yang sudah lewat "
                            "atau bulan ini."), "bulan")
    if data.permohonan < 0:
        raise DomainError(_("Jumlah permohonan tidak boleh negatif."), "permohonan")
    if not 0 <= data.selesai_tepat_waktu <= data.permohonan:
        raise DomainError(_("Yang selesai tepat waktu harus antara 0 dan jumlah permohonan."),
                          "selesai_tepat_waktu")
    if data.rata_hari_proses < 0:
        raise DomainError(_("Rata-rata hari proses tidak boleh negatif."), "rata_hari_proses")
    if data.rata_menit_tunggu < 0:
        raise DomainError(_("Rata-rata waktu tunggu tidak boleh negatif."), "rata_menit_tunggu")


def save_capaian(actor, layanan: Layanan, tahun: int, bulan: int, data: Capaian) -> CapaianLayanan:
    """Record (or correct) one month of a service's figures."""
    check_capaian(tahun, bulan, data)
    row = db.session.scalar(sa.select(CapaianLayanan).where(
        CapaianLayanan.layanan_id == layanan.id, CapaianLayanan.tahun == tahun,
        CapaianLayanan.bulan == bulan))
    action = "diubah" if row is not None else "dibuat"
    if row is None:
        row = CapaianLayanan(layanan_id=layanan.id, opd_id=layanan.opd_id, tahun=tahun,
                             bulan=bulan)
        db.session.add(row)
    row.permohonan, row.selesai_tepat_waktu = data.permohonan, data.selesai_tepat_waktu
    row.rata_hari_proses, row.rata_menit_tunggu = data.rata_hari_proses, data.rata_menit_tunggu
    db.session.flush()
    record_audit(actor, row, action, comment=f"{layanan.slug} {tahun}-{bulan:02d}")
    return row


def early_publication_allowed() -> bool:
    return bool(current_app.config["PORTAL_PUBLISH_BEFORE_QUARTER_END"])


def check_period(tahun: int, triwulan: int, today: date | None = None) -> tuple[date, date]:
    """The quarter's first day and the day after its last (half-open), if it may be published
    today: it has ended, or it is running and early publication is allowed (a setting)."""
    if triwulan not in (1, 2, 3, 4):
        raise DomainError(_("Pilih triwulan I sampai IV."), "periode")
    today = today or date.today()
    mulai, selesai = periode_bounds(tahun, triwulan)
    if mulai > today:
        raise DomainError(_("Periode itu belum dimulai."), "periode")
    if selesai > today and not early_publication_allowed():
        raise DomainError(_("Triwulan ini baru berakhir %(tanggal)s; rapornya dapat diterbitkan "
                            "mulai hari berikutnya, setelah semua data triwulan masuk.",
                            tanggal=format_date(selesai - timedelta(days=1), "long")), "periode")
    return mulai, selesai


@dataclass(frozen=True)
class Pratinjau:
    """What publishing would do, shown on the confirmation page before anything is stored."""

    pemda: Pemda
    tahun: int
    triwulan: int
    mulai: date
    #: the quarter's last day
    selesai: date
    versi: int
    jumlah_opd: int
    belum_berakhir: bool

    @property
    def periode_label(self) -> str:
        return f"{TRIWULAN_LABEL[self.triwulan]} {self.tahun}"


def preview(pemda: Pemda, tahun: int, triwulan: int, today: date | None = None) -> Pratinjau:
    today = today or date.today()
    mulai, selesai = check_period(tahun, triwulan, today)
    jumlah_opd = db.session.scalar(sa.select(sa.func.count(Opd.id)).where(
        Opd.pemda_id == pemda.id, Opd.aktif)) or 0
    if not jumlah_opd:
        raise DomainError(_("Pemda ini belum memiliki OPD aktif untuk diterbitkan."), "periode")
    return Pratinjau(pemda, tahun, triwulan, mulai, selesai - timedelta(days=1),
                     _next_version(pemda, tahun, triwulan), jumlah_opd, selesai > today)


def _next_version(pemda: Pemda, tahun: int, triwulan: int) -> int:
    return (db.session.scalar(sa.select(sa.func.max(PublikasiRapor.versi)).where(
        PublikasiRapor.pemda_id == pemda.id, PublikasiRapor.tahun == tahun,
        PublikasiRapor.triwulan == triwulan)) or 0) + 1


def publish(actor, pemda: Pemda, tahun: int, triwulan: int, catatan: str | None = None,
            today: date | None = None) -> PublikasiRapor:
    """Publish a quarter of a pemda: freeze every public figure as a new version."""
    today = today or date.today()
    mulai, selesai = check_period(tahun, triwulan, today)
    ambang = snapshot.Ambang.from_config()
    rows, summary = snapshot.build(pemda, tahun, triwulan, mulai, selesai, ambang)
    if not rows:
        raise DomainError(_("Pemda ini belum memiliki OPD aktif untuk diterbitkan."), "periode")
    versi = _next_version(pemda, tahun, triwulan)
    db.session.execute(sa.update(PublikasiRapor).where(
        PublikasiRapor.pemda_id == pemda.id, PublikasiRapor.tahun == tahun,
        PublikasiRapor.triwulan == triwulan).values(versi_terakhir=False))
    publikasi = PublikasiRapor(pemda_id=pemda.id, tahun=tahun, triwulan=triwulan, versi=versi,
                               diterbitkan_at=utcnow(), diterbitkan_oleh_id=getattr(actor, "id",
                                                                                   None),
                               metodologi_versi=ikm.METODOLOGI_VERSI,
                               catatan=(catatan or "").strip() or None, versi_terakhir=True,
                               terkini=False, ringkasan=summary)
    db.session.add(publikasi)
    db.session.flush()
    db.session.execute(sa.insert(RaporOpd), [{"publikasi_id": publikasi.id, **row}
                                             for row in rows])
    _mark_current(pemda.id)
    prerender.forget(pemda.id)
    early = " (sebelum triwulan berakhir)" if selesai > today else ""
    record_audit(actor, publikasi, "diterbitkan", to_state=f"v{versi}",
                 comment=f"{publikasi.kode}, {len(rows)} OPD{early}")
    return publikasi


def _mark_current(pemda_id: int) -> None:
    """The public default: the latest version of the pemda's latest published quarter."""
    latest = db.session.scalar(
        sa.select(PublikasiRapor.id).where(PublikasiRapor.pemda_id == pemda_id,
                                           PublikasiRapor.versi_terakhir)
        .order_by(PublikasiRapor.tahun.desc(), PublikasiRapor.triwulan.desc()).limit(1))
    db.session.execute(sa.update(PublikasiRapor).where(PublikasiRapor.pemda_id == pemda_id)
                       .values(terkini=PublikasiRapor.id == latest))
    db.session.flush()

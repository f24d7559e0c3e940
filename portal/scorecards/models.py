"""The public transparency side: SKM survey answers, monthly service-standard figures, and the
published snapshots (one version of a period of one pemda, with one row per OPD) that every
public page reads. Nothing public is computed from live data: only ``RaporOpd`` rows are."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.models import TimestampMixin, utcnow
from portal.extensions import db
from portal.org.models import Layanan, Opd, Pemda
from portal.org.skm import UNSUR as UNSUR  # re-exported: the survey and tables read it here

#: the nine unsur (``portal.org.skm``), one column each
UNSUR_COLUMNS = tuple(f"u{i}" for i in range(1, 10))

TRIWULAN_LABEL = {1: _l("Triwulan I"), 2: _l("Triwulan II"), 3: _l("Triwulan III"),
                  4: _l("Triwulan IV")}


def periode_bounds(tahun: int, triwulan: int) -> tuple[date, date]:
    """First day of the quarter and first day of the next one (half-open)."""
    start = date(tahun, 3 * (triwulan - 1) + 1, 1)
    end = date(tahun + 1, 1, 1) if triwulan == 4 else date(tahun, 3 * triwulan + 1, 1)
    return start, end


def periode_kode(tahun: int, triwulan: int) -> str:
    return f"{tahun}-T{triwulan}"


class JawabanSkm(db.Model):
    """One respondent's answer to the satisfaction survey of one service. Anonymous: no name,
    no address, no device id is stored."""

    __tablename__ = "jawaban_skm"

    id: Mapped[int] = mapped_column(primary_key=True)
    layanan_id: Mapped[int] = mapped_column(sa.ForeignKey("layanan.id"))
    #: denormalised from the service, so the publication sums per OPD with one indexed filter
    opd_id: Mapped[int] = mapped_column(sa.ForeignKey("opd.id"))
    dijawab_at: Mapped[datetime] = mapped_column(default=utcnow)
    u1: Mapped[int] = mapped_column(sa.SmallInteger)
    u2: Mapped[int] = mapped_column(sa.SmallInteger)
    u3: Mapped[int] = mapped_column(sa.SmallInteger)
    u4: Mapped[int] = mapped_column(sa.SmallInteger)
    u5: Mapped[int] = mapped_column(sa.SmallInteger)
    u6: Mapped[int] = mapped_column(sa.SmallInteger)
    u7: Mapped[int] = mapped_column(sa.SmallInteger)
    u8: Mapped[int] = mapped_column(sa.SmallInteger)
    u9: Mapped[int] = mapped_column(sa.SmallInteger)
    #: optional respondent profile, as codes of the survey form's choices
    usia: Mapped[str | None] = mapped_column(sa.String(12))
    jenis_kelamin: Mapped[str | None] = mapped_column(sa.String(1))
    pendidikan: Mapped[str | None] = mapped_column(sa.String(12))
    pekerjaan: Mapped[str | None] = mapped_column(sa.String(20))
    #: the respondent's suggestion; read by the OPD, never published
    saran: Mapped[str | None] = mapped_column(sa.Text)

    layanan: Mapped[Layanan] = relationship()

    __table_args__ = (
        sa.Index("ix_jawaban_skm_opd_waktu", "opd_id", "dijawab_at"),
        sa.Index("ix_jawaban_skm_layanan_waktu", "layanan_id", "dijawab_at"),
        *(sa.CheckConstraint(f"{col} BETWEEN 1 AND 4", name=f"{col}_skala_1_4")
          for col in UNSUR_COLUMNS),
    )

    @property
    def skor(self) -> tuple[int, ...]:
        return tuple(getattr(self, col) for col in UNSUR_COLUMNS)


class CapaianLayanan(TimestampMixin, db.Model):
    """A service's standard-time figures of one month, entered by the OPD or imported."""

    __tablename__ = "capaian_layanan"

    id: Mapped[int] = mapped_column(primary_key=True)
    layanan_id: Mapped[int] = mapped_column(sa.ForeignKey("layanan.id"))
    opd_id: Mapped[int] = mapped_column(sa.ForeignKey("opd.id"), index=True)
    tahun: Mapped[int] = mapped_column(sa.SmallInteger)
    bulan: Mapped[int] = mapped_column(sa.SmallInteger)
    #: applications finished in the month
    permohonan: Mapped[int]
    #: of those, finished within the service's standard time (waktu_penyelesaian_hari)
    selesai_tepat_waktu: Mapped[int]
    #: average working days from a complete application to the product
    rata_hari_proses: Mapped[float] = mapped_column(sa.Numeric(7, 2))
    #: average minutes an applicant waited at the counter
    rata_menit_tunggu: Mapped[float] = mapped_column(sa.Numeric(7, 1))

    layanan: Mapped[Layanan] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("layanan_id", "tahun", "bulan"),
        sa.CheckConstraint("bulan BETWEEN 1 AND 12", name="bulan_1_12"),
        sa.CheckConstraint("permohonan >= 0 AND selesai_tepat_waktu >= 0 AND "
                           "selesai_tepat_waktu <= permohonan", name="jumlah_masuk_akal"),
        sa.CheckConstraint("rata_hari_proses >= 0 AND rata_menit_tunggu >= 0",
                           name="rata_tidak_negatif"),
    )


class PublikasiRapor(db.Model):
    """One published version of one period (a quarter) of one pemda. Never changed after it is
    written, except the two ``terkini``/``versi_terakhir`` flags that say which versions the
    public pages read by default."""

    __tablename__ = "publikasi_rapor"

    id: Mapped[int] = mapped_column(primary_key=True)
    pemda_id: Mapped[int] = mapped_column(sa.ForeignKey("pemda.id"))
    tahun: Mapped[int] = mapped_column(sa.SmallInteger)
    triwulan: Mapped[int] = mapped_column(sa.SmallInteger)
    #: 1 for the first publication of the period, then 2, 3 …
    versi: Mapped[int]
    diterbitkan_at: Mapped[datetime] = mapped_column(default=utcnow)
    diterbitkan_oleh_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"))
    #: ikm.METODOLOGI_VERSI at the time of publication
    metodologi_versi: Mapped[str] = mapped_column(sa.String(20))
    #: the admin's note on why it was (re)published; public
    catatan: Mapped[str | None] = mapped_column(sa.Text)
    #: the highest version of its period
    versi_terakhir: Mapped[bool] = mapped_column(default=True)
    #: the latest version of the pemda's latest period: what /instansi shows
    terkini: Mapped[bool] = mapped_column(default=True)
    #: figures common to the whole publication (totals for the home page), JSON
    ringkasan: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)

    pemda: Mapped[Pemda] = relationship()
    rapor: Mapped[list[RaporOpd]] = relationship(back_populates="publikasi",
                                                 order_by="RaporOpd.opd_nama")

    __table_args__ = (
        sa.UniqueConstraint("pemda_id", "tahun", "triwulan", "versi"),
        sa.CheckConstraint("triwulan BETWEEN 1 AND 4", name="triwulan_1_4"),
        sa.Index("ix_publikasi_rapor_terkini", "terkini"),
    )

    @property
    def kode(self) -> str:
        return periode_kode(self.tahun, self.triwulan)

    @property
    def periode_label(self) -> str:
        return f"{TRIWULAN_LABEL[self.triwulan]} {self.tahun}"



class RaporOpd(db.Model):
    """The scorecard of one OPD in one publication: the figures as published, frozen. Name,
    kind and place are copied too, so a later rename does not rewrite what was published."""

    __tablename__ = "rapor_opd"

    id: Mapped[int] = mapped_column(primary_key=True)
    publikasi_id: Mapped[int] = mapped_column(
        sa.ForeignKey("publikasi_rapor.id", ondelete="CASCADE"), index=True)
    opd_id: Mapped[int] = mapped_column(sa.ForeignKey("opd.id"), index=True)
    opd_slug: Mapped[str] = mapped_column(sa.String(120), index=True)
    opd_nama: Mapped[str] = mapped_column(sa.String(200))
    jenis: Mapped[str] = mapped_column(sa.String(20))
    pemda_slug: Mapped[str] = mapped_column(sa.String(80))
    pemda_nama: Mapped[str] = mapped_column(sa.String(160))
    #: the kabupaten/kota the office sits in (its code and full name), for the public filter
    kabkota_kode: Mapped[str | None] = mapped_column(sa.String(20))
    kabkota_nama: Mapped[str | None] = mapped_column(sa.String(160))
    # key figures as columns, so the public list filters and sorts in SQL
    responden: Mapped[int] = mapped_column(default=0)
    #: IKM unit, two decimals; NULL when suppressed or nobody answered
    ikm: Mapped[float | None] = mapped_column(sa.Numeric(5, 2))
    #: mutu letter, NULL when the sample is too small for a grade
    mutu: Mapped[str | None] = mapped_column(sa.String(1))
    pengaduan_diterima: Mapped[int] = mapped_column(default=0)
    persen_pengaduan_tepat_waktu: Mapped[float | None] = mapped_column(sa.Numeric(4, 1))
    persen_standar_tepat_waktu: Mapped[float | None] = mapped_column(sa.Numeric(4, 1))
    #: every block of the scorecard, as published (see scorecards/snapshot.py)
    data: Mapped[dict[str, Any]] = mapped_column(sa.JSON)

    publikasi: Mapped[PublikasiRapor] = relationship(back_populates="rapor")
    opd: Mapped[Opd] = relationship()

    __table_args__ = (sa.UniqueConstraint("publikasi_id", "opd_id"),)


class HalamanTerbit(db.Model):
    """A public page rendered once, when its publication was made, and served as stored bytes
    (issue 13): no worker renders a scorecard on a visitor's request. Pages of one pemda carry
    its id and are replaced when it publishes again; pages over every pemda (the home page, the
    OPD list, open data, methodology) carry none and are replaced on every publication."""

    __tablename__ = "halaman_terbit"

    #: sha256 of "path?query|language": what the request asked for, exactly
    kunci: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    path: Mapped[str] = mapped_column(sa.String(400))
    bahasa: Mapped[str] = mapped_column(sa.String(8))
    pemda_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("pemda.id", ondelete="CASCADE"), index=True)
    #: the response headers as the app set them (security headers, ETag, Last-Modified…)
    headers: Mapped[list] = mapped_column(sa.JSON)
    body: Mapped[bytes] = mapped_column(sa.LargeBinary)
    etag: Mapped[str] = mapped_column(sa.String(80))
    dibuat_at: Mapped[datetime] = mapped_column(default=utcnow)

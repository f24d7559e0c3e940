"""A reward (penghargaan) for a final evaluation rated Sangat Baik: proposed by the admin OPD,
then approved with its SK (number and date) or refused with a reason. The legal moves live here
(``PENGHARGAAN_TRANSISI``); any other raises ``DomainError``."""

from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.appraisals.evaluasi.models import Evaluasi, Predikat, StatusEvaluasi
from portal.core.models import DomainError, TimestampMixin, enum_column, utcnow
from portal.extensions import db
from portal.org.models import Opd, Pegawai


class JenisPenghargaan(enum.StrEnum):
    SATYALANCANA = "satyalancana"
    PIAGAM = "piagam"
    PENGEMBANGAN = "pengembangan"
    PROMOSI = "promosi"
    LAINNYA = "lainnya"


JENIS_PENGHARGAAN_LABEL = {
    JenisPenghargaan.SATYALANCANA: _l("Tanda kehormatan Satyalancana"),
    JenisPenghargaan.PIAGAM: _l("Piagam penghargaan"),
    JenisPenghargaan.PENGEMBANGAN: _l("Kesempatan pengembangan kompetensi"),
    JenisPenghargaan.PROMOSI: _l("Prioritas promosi atau talenta"),
    JenisPenghargaan.LAINNYA: _l("Lainnya"),
}


class StatusPenghargaan(enum.StrEnum):
    DIUSULKAN = "diusulkan"
    DISETUJUI = "disetujui"
    DITOLAK = "ditolak"


STATUS_PENGHARGAAN_LABEL = {
    StatusPenghargaan.DIUSULKAN: _l("Diusulkan, menunggu keputusan"),
    StatusPenghargaan.DISETUJUI: _l("Disetujui (SK terbit)"),
    StatusPenghargaan.DITOLAK: _l("Ditolak"),
}

#: state → the states it may move to; a decided reward is final
PENGHARGAAN_TRANSISI: dict[StatusPenghargaan, frozenset[StatusPenghargaan]] = {
    StatusPenghargaan.DIUSULKAN: frozenset({StatusPenghargaan.DISETUJUI,
                                            StatusPenghargaan.DITOLAK}),
}


def cek_calon(evaluasi: Evaluasi) -> None:
    """Only a final evaluation rated Sangat Baik leads to a reward (DOMAIN.md "Follow-up")."""
    if evaluasi.status != StatusEvaluasi.DISETUJUI or evaluasi.predikat != Predikat.SANGAT_BAIK:
        raise DomainError(_("Penghargaan hanya dapat diusulkan untuk evaluasi final dengan "
                            "predikat Sangat Baik."))


class Penghargaan(TimestampMixin, db.Model):
    __tablename__ = "penghargaan"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the evaluation rated Sangat Baik the reward follows from; one reward each
    evaluasi_id: Mapped[int] = mapped_column(sa.ForeignKey("evaluasi.id"), unique=True)
    pegawai_id: Mapped[int] = mapped_column(sa.ForeignKey("pegawai.id"), index=True)
    #: the pegawai's OPD when proposed: the OPD whose list it stays on
    opd_id: Mapped[int] = mapped_column(sa.ForeignKey("opd.id"))
    #: the performance year of the evaluation
    tahun: Mapped[int]
    jenis: Mapped[JenisPenghargaan] = mapped_column(
        enum_column(JenisPenghargaan, 16, name="pmb_penghargaan_jenis"))
    #: the kind in words, for "lainnya"
    jenis_lainnya: Mapped[str | None] = mapped_column(sa.String(200))
    alasan_usulan: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[StatusPenghargaan] = mapped_column(
        enum_column(StatusPenghargaan, 16, name="pmb_penghargaan_status"),
        default=StatusPenghargaan.DIUSULKAN)
    nomor_sk: Mapped[str | None] = mapped_column(sa.String(120))
    tanggal_sk: Mapped[date | None]
    alasan_tolak: Mapped[str | None] = mapped_column(sa.Text)
    diusulkan_oleh_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"))
    diputus_oleh_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"))
    diputus_at: Mapped[datetime | None]

    evaluasi: Mapped[Evaluasi] = relationship()
    pegawai: Mapped[Pegawai] = relationship()
    opd: Mapped[Opd] = relationship()

    __table_args__ = (sa.Index("ix_penghargaan_opd_tahun", "opd_id", "tahun"),)

    @property
    def status_label(self) -> str:
        return str(STATUS_PENGHARGAAN_LABEL[self.status])

    @property
    def jenis_label(self) -> str:
        if self.jenis == JenisPenghargaan.LAINNYA and self.jenis_lainnya:
            return self.jenis_lainnya
        return str(JENIS_PENGHARGAAN_LABEL[self.jenis])

    def boleh(self, ke: StatusPenghargaan) -> bool:
        return ke in PENGHARGAAN_TRANSISI.get(self.status, frozenset())

    def _pindah(self, ke: StatusPenghargaan) -> StatusPenghargaan:
        if not self.boleh(ke):
            raise DomainError(_("Tidak dapat diubah menjadi \"%(ke)s\": status penghargaan "
                                "sekarang \"%(status)s\".", ke=STATUS_PENGHARGAAN_LABEL[ke],
                                status=self.status_label))
        asal, self.status = self.status, ke
        self.diputus_at = utcnow()
        return asal

    def setujui(self, nomor_sk: str | None, tanggal_sk: date | None,
                today: date) -> StatusPenghargaan:
        nomor_sk = (nomor_sk or "").strip()
        if self.boleh(StatusPenghargaan.DISETUJUI):
            if not nomor_sk:
                raise DomainError(_("Isi nomor SK penghargaan."), "nomor_sk")
            if tanggal_sk is None:
                raise DomainError(_("Isi tanggal SK penghargaan."), "tanggal_sk")
            if tanggal_sk > today:
                raise DomainError(_("Tanggal SK tidak boleh setelah hari ini."), "tanggal_sk")
        asal = self._pindah(StatusPenghargaan.DISETUJUI)
        self.nomor_sk, self.tanggal_sk = nomor_sk, tanggal_sk
        return asal

    def tolak(self, alasan: str | None) -> StatusPenghargaan:
        alasan = (alasan or "").strip()
        if self.boleh(StatusPenghargaan.DITOLAK) and not alasan:
            raise DomainError(_("Tuliskan alasan penolakan."), "alasan_tolak")
        asal = self._pindah(StatusPenghargaan.DITOLAK)
        self.alasan_tolak = alasan
        return asal

    def __repr__(self) -> str:
        return f"<Penghargaan {self.id} {self.pegawai_id} {self.status}>"

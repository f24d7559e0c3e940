"""The mapping a pemda keeps from what the public says (an SKM unsur, a complaint category) to
the catalogue activities that address it, e.g. "Waktu penyelesaian" → a procedure or IT course,
"Perilaku pelaksana" → service-behaviour coaching. One row per (source, code, activity)."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.complaints.models import KATEGORI_LABEL, KategoriPengaduan
from portal.core.models import DomainError, TimestampMixin, enum_column
from portal.extensions import db
from portal.org.models import Pemda
from portal.org.skm import UNSUR_KEYS, UNSUR_LABEL
from portal.pembinaan.kompetensi.models import Kegiatan, SumberSuara


def suara_label(sumber: SumberSuara | str, kode: str) -> str:
    """The unsur or category in words, e.g. "Unsur SKM: Waktu penyelesaian"."""
    if SumberSuara(sumber) == SumberSuara.UNSUR:
        return _("Unsur SKM: %(nama)s", nama=UNSUR_LABEL.get(kode, kode))
    nama = KATEGORI_LABEL[KategoriPengaduan(kode)] if kode in set(KategoriPengaduan) else kode
    return _("Kategori pengaduan: %(nama)s", nama=nama)


def cek_kode(sumber: SumberSuara | str, kode: str | None) -> tuple[SumberSuara, str]:
    """A (source, code) pair the portal knows, or a ``DomainError`` on the field ``suara``."""
    try:
        sumber = SumberSuara(sumber)
    except ValueError:
        raise DomainError(_("Pilih unsur SKM atau kategori pengaduan dari daftar."),
                          "suara") from None
    known = UNSUR_KEYS if sumber == SumberSuara.UNSUR else {k.value for k in KategoriPengaduan}
    if not kode or kode not in known:
        raise DomainError(_("Pilih unsur SKM atau kategori pengaduan dari daftar."), "suara")
    return sumber, kode


class PemetaanSuara(TimestampMixin, db.Model):
    """One catalogue activity that addresses one unsur or complaint category, in one pemda."""

    __tablename__ = "pemetaan_suara_publik"

    id: Mapped[int] = mapped_column(primary_key=True)
    pemda_id: Mapped[int] = mapped_column(sa.ForeignKey("pemda.id"), index=True)
    sumber: Mapped[SumberSuara] = mapped_column(
        enum_column(SumberSuara, 8, name="pmb_pemetaan_sumber"))
    #: an unsur key (``org.skm.UNSUR_KEYS``) or a ``KategoriPengaduan`` value
    kode: Mapped[str] = mapped_column(sa.String(32))
    kegiatan_id: Mapped[int] = mapped_column(
        sa.ForeignKey("kegiatan_pengembangan.id", ondelete="CASCADE"), index=True)
    #: why this activity helps, in the admin's words (shown on the OPD's page)
    catatan: Mapped[str | None] = mapped_column(sa.Text)
    dibuat_oleh_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"))

    pemda: Mapped[Pemda] = relationship()
    kegiatan: Mapped[Kegiatan] = relationship()

    __table_args__ = (sa.UniqueConstraint("pemda_id", "sumber", "kode", "kegiatan_id"),)

    @property
    def suara_label(self) -> str:
        return suara_label(self.sumber, self.kode)

    def __repr__(self) -> str:
        return f"<PemetaanSuara {self.sumber.value}:{self.kode} → {self.kegiatan_id}>"

"""Public complaints (pengaduan, aspirasi, permintaan informasi) and their public timeline.

The legal status changes live here, in ``TRANSITIONS``; ``Pengaduan.move_to`` refuses any other,
so no view can skip the flow of DOMAIN.md (diterima → diverifikasi → didisposisikan →
ditindaklanjuti → selesai → ditutup; ditolak / bukan wewenang / ditunda, always with a reason).
The groups of statuses the desks, the figures and Open311 speak of are defined here once, and the
deadline that runs in each status is the complaint's own (``Pengaduan.batas_berjalan``)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.calendar import WorkCalendar
from portal.core.models import DomainError, TimestampMixin, enum_column, utcnow
from portal.extensions import db
from portal.org.models import Layanan, Opd, Pegawai, UnitKerja, Wilayah


class JenisLaporan(enum.StrEnum):
    PENGADUAN = "pengaduan"
    ASPIRASI = "aspirasi"
    PERMINTAAN_INFORMASI = "permintaan_informasi"


JENIS_LAPORAN_LABEL = {
    JenisLaporan.PENGADUAN: _l("Pengaduan"),
    JenisLaporan.ASPIRASI: _l("Aspirasi"),
    JenisLaporan.PERMINTAAN_INFORMASI: _l("Permintaan informasi"),
}


class Identitas(enum.StrEnum):
    #: identity known to staff, never public
    BIASA = "biasa"
    #: identity hidden from the OPD too; the complaint is never listed publicly
    RAHASIA = "rahasia"
    #: no identity kept at all; the tracking code is the only link
    ANONIM = "anonim"


class KategoriPengaduan(enum.StrEnum):
    """What a complaint is about, set by the desk when it classifies the complaint: the wording
    of the SKM unsur (PermenPANRB 14/2017) where one fits, so the survey and the complaints of a
    service can be read side by side (``KATEGORI_UNSUR``), and "lainnya" for the rest."""

    PERSYARATAN = "persyaratan"
    PROSEDUR = "prosedur"
    WAKTU_PENYELESAIAN = "waktu_penyelesaian"
    BIAYA = "biaya"
    PRODUK = "produk"
    KOMPETENSI_PELAKSANA = "kompetensi_pelaksana"
    PERILAKU_PELAKSANA = "perilaku_pelaksana"
    SARANA_PRASARANA = "sarana_prasarana"
    PENANGANAN_PENGADUAN = "penanganan_pengaduan"
    LAINNYA = "lainnya"


KATEGORI_LABEL = {
    KategoriPengaduan.PERSYARATAN: _l("Persyaratan"),
    KategoriPengaduan.PROSEDUR: _l("Prosedur"),
    KategoriPengaduan.WAKTU_PENYELESAIAN: _l("Waktu penyelesaian"),
    KategoriPengaduan.BIAYA: _l("Biaya/tarif"),
    KategoriPengaduan.PRODUK: _l("Produk layanan"),
    KategoriPengaduan.KOMPETENSI_PELAKSANA: _l("Kompetensi pelaksana"),
    KategoriPengaduan.PERILAKU_PELAKSANA: _l("Perilaku pelaksana"),
    KategoriPengaduan.SARANA_PRASARANA: _l("Sarana dan prasarana"),
    KategoriPengaduan.PENANGANAN_PENGADUAN: _l("Penanganan pengaduan"),
    KategoriPengaduan.LAINNYA: _l("Lainnya"),
}

#: the SKM unsur (``portal.org.skm.UNSUR_KEYS``) a category speaks to; "lainnya" to none
KATEGORI_UNSUR: dict[KategoriPengaduan, str | None] = {
    KategoriPengaduan.PERSYARATAN: "persyaratan",
    KategoriPengaduan.PROSEDUR: "prosedur",
    KategoriPengaduan.WAKTU_PENYELESAIAN: "waktu",
    KategoriPengaduan.BIAYA: "biaya",
    KategoriPengaduan.PRODUK: "produk",
    KategoriPengaduan.KOMPETENSI_PELAKSANA: "kompetensi",
    KategoriPengaduan.PERILAKU_PELAKSANA: "perilaku",
    KategoriPengaduan.SARANA_PRASARANA: "sarana",
    KategoriPengaduan.PENANGANAN_PENGADUAN: "pengaduan",
    KategoriPengaduan.LAINNYA: None,
}


class StatusPengaduan(enum.StrEnum):
    DITERIMA = "diterima"
    DITUNDA = "ditunda"
    DITOLAK = "ditolak"
    BUKAN_WEWENANG = "bukan_wewenang"
    DIVERIFIKASI = "diverifikasi"
    DIDISPOSISIKAN = "didisposisikan"
    DITINDAKLANJUTI = "ditindaklanjuti"
    SELESAI = "selesai"
    DITUTUP = "ditutup"
    #: a second report of a matter already reported; followed in the one it was merged into
    DIGABUNG = "digabung"


STATUS_LABEL = {
    StatusPengaduan.DITERIMA: _l("Diterima"),
    StatusPengaduan.DITUNDA: _l("Menunggu keterangan tambahan"),
    StatusPengaduan.DITOLAK: _l("Ditolak"),
    StatusPengaduan.BUKAN_WEWENANG: _l("Bukan wewenang pemda"),
    StatusPengaduan.DIVERIFIKASI: _l("Diverifikasi"),
    StatusPengaduan.DIDISPOSISIKAN: _l("Diteruskan ke OPD"),
    StatusPengaduan.DITINDAKLANJUTI: _l("Sedang ditindaklanjuti"),
    StatusPengaduan.SELESAI: _l("Sudah dijawab"),
    StatusPengaduan.DITUTUP: _l("Ditutup"),
    StatusPengaduan.DIGABUNG: _l("Digabung dengan laporan serupa"),
}

S = StatusPengaduan
TRANSITIONS: dict[StatusPengaduan, frozenset[StatusPengaduan]] = {
    S.DITERIMA: frozenset({S.DIVERIFIKASI, S.DITOLAK, S.BUKAN_WEWENANG, S.DITUNDA, S.DIGABUNG}),
    S.DITUNDA: frozenset({S.DITERIMA, S.DITOLAK, S.DIGABUNG}),
    S.DIVERIFIKASI: frozenset({S.DIDISPOSISIKAN}),
    S.DIDISPOSISIKAN: frozenset({S.DITINDAKLANJUTI, S.SELESAI, S.DIGABUNG}),
    S.DITINDAKLANJUTI: frozenset({S.SELESAI, S.DIGABUNG}),
    S.SELESAI: frozenset({S.DITUTUP, S.DITINDAKLANJUTI}),
    S.DITOLAK: frozenset(),
    S.BUKAN_WEWENANG: frozenset(),
    S.DITUTUP: frozenset(),
    S.DIGABUNG: frozenset(),
}
#: moves the reporter must be given a reason for
NEEDS_REASON = frozenset({S.DITOLAK, S.BUKAN_WEWENANG, S.DITUNDA, S.DIGABUNG})
#: waiting on the koordinator's desk: to verify, or held for the reporter's information
AT_KOORDINATOR = frozenset({S.DITERIMA, S.DITUNDA})
#: waiting on the OPD's desk: routed to it, or being followed up
AT_OPD = frozenset({S.DIDISPOSISIKAN, S.DITINDAKLANJUTI})
#: refused by the koordinator; the OPD never sees these
REFUSED = frozenset({S.DITOLAK, S.BUKAN_WEWENANG})
#: refused, or a second report of a matter counted in another complaint: not counted as valid,
#: and no duplicate can be merged into one of these
INVALID = REFUSED | {S.DIGABUNG}
#: "closed" to a partner (Open311): answered, closed, refused or merged
CLOSED = INVALID | {S.SELESAI, S.DITUTUP}
#: nothing more can happen to these: the reporter can add no information either
FINAL = frozenset(s for s, targets in TRANSITIONS.items() if not targets)
#: from these the koordinator may merge a complaint into another
MERGEABLE = frozenset(s for s, targets in TRANSITIONS.items() if S.DIGABUNG in targets)


@dataclass(frozen=True)
class Tenggat:
    """The deadline running now and the working days left (negative when overdue)."""

    due: date | None = None
    left: int | None = None
    late: bool = False


class Pengaduan(TimestampMixin, db.Model):
    __tablename__ = "pengaduan"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: "XXXXX-XXXXX-XXXXX", 75 random bits; the reporter's only key when anonymous
    kode_lacak: Mapped[str] = mapped_column(sa.String(17), unique=True)
    #: the hidden form token: a double click or a resubmission files one complaint
    idempotency_key: Mapped[str] = mapped_column(sa.String(64), unique=True)
    jenis: Mapped[JenisLaporan] = mapped_column(enum_column(JenisLaporan, 24))
    judul: Mapped[str] = mapped_column(sa.String(150))
    isi: Mapped[str] = mapped_column(sa.Text)
    tanggal_kejadian: Mapped[date | None]
    #: kabupaten/kota or kecamatan where it happened
    wilayah_id: Mapped[int | None] = mapped_column(sa.ForeignKey("wilayah.id"))
    lokasi: Mapped[str | None] = mapped_column(sa.String(300))
    #: None when the reporter did not know; the koordinator routes it
    opd_id: Mapped[int | None] = mapped_column(sa.ForeignKey("opd.id"), index=True)
    layanan_id: Mapped[int | None] = mapped_column(sa.ForeignKey("layanan.id"))
    #: the unit of the OPD the matter belongs to, set by the OPD's petugas
    unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("unit_kerja.id"))
    #: what it is about (``KATEGORI_LABEL``), set by the desk when it classifies the complaint
    kategori: Mapped[KategoriPengaduan | None] = mapped_column(
        enum_column(KategoriPengaduan, 24, name="kategori_pengaduan"))
    identitas: Mapped[Identitas] = mapped_column(enum_column(Identitas, 10))
    pelapor_nama: Mapped[str | None] = mapped_column(sa.String(160))
    pelapor_telepon: Mapped[str | None] = mapped_column(sa.String(30))
    pelapor_email: Mapped[str | None] = mapped_column(sa.String(200))
    status: Mapped[StatusPengaduan] = mapped_column(enum_column(StatusPengaduan, 20),
                                                    default=StatusPengaduan.DITERIMA, index=True)
    diterima_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: last day (WIB) for the koordinator to verify, in working days from receipt
    batas_verifikasi: Mapped[date]
    #: set by the koordinator; decides the resolution limit (14 or 60 working days)
    perlu_tinjauan_lapangan: Mapped[bool] = mapped_column(default=False)
    didisposisikan_at: Mapped[datetime | None]
    #: last day for the OPD's follow-up plan, counted from routing
    batas_rencana: Mapped[date | None]
    #: last day for the answer, counted from routing
    batas_selesai: Mapped[date | None]
    dijawab_at: Mapped[datetime | None]
    ditutup_at: Mapped[datetime | None]
    #: how often the reporter disputed an answer (a dispute reopens the complaint)
    dibuka_ulang: Mapped[int] = mapped_column(default=0)
    #: the reporter's rating of the answer, 1 (very bad) to 5 (very good)
    penilaian: Mapped[int | None]
    #: merged into this other complaint about the same matter (status "digabung")
    duplikat_dari_id: Mapped[int | None] = mapped_column(sa.ForeignKey("pengaduan.id"))
    #: a version of the text with names and details removed, written by staff; shown in the
    #: public list only when ``ringkasan_publik_disetujui``
    ringkasan_publik: Mapped[str | None] = mapped_column(sa.Text)
    ringkasan_publik_disetujui: Mapped[bool] = mapped_column(default=False)
    #: "web" for the portal's form; the partner's name for Open311 submissions
    saluran: Mapped[str] = mapped_column(sa.String(60), default="web")

    opd: Mapped[Opd | None] = relationship()
    #: the complaint this one was merged into, and those merged into this one
    induk: Mapped[Pengaduan | None] = relationship(remote_side=[id], back_populates="duplikat")
    duplikat: Mapped[list[Pengaduan]] = relationship(back_populates="induk",
                                                     order_by="Pengaduan.diterima_at")
    layanan: Mapped[Layanan | None] = relationship()
    unit: Mapped[UnitKerja | None] = relationship()
    wilayah: Mapped[Wilayah | None] = relationship()
    riwayat: Mapped[list[RiwayatPengaduan]] = relationship(
        back_populates="pengaduan", order_by="RiwayatPengaduan.id", cascade="all, delete-orphan")
    lampiran: Mapped[list[LampiranPengaduan]] = relationship(
        back_populates="pengaduan", order_by="LampiranPengaduan.id", cascade="all, delete-orphan")
    catatan: Mapped[list[CatatanInternal]] = relationship(
        back_populates="pengaduan", order_by="CatatanInternal.id", cascade="all, delete-orphan")
    kaitan_pegawai: Mapped[list[KaitanPegawai]] = relationship(
        back_populates="pengaduan", order_by="KaitanPegawai.id", cascade="all, delete-orphan")

    __table_args__ = (
        sa.CheckConstraint("identitas <> 'anonim' OR (pelapor_nama IS NULL AND "
                           "pelapor_telepon IS NULL AND pelapor_email IS NULL)",
                           name="anonim_tanpa_identitas"),
        sa.CheckConstraint("penilaian IS NULL OR penilaian BETWEEN 1 AND 5",
                           name="penilaian_1_sampai_5"),
    )

    @property
    def status_label(self) -> str:
        return str(STATUS_LABEL[self.status])

    @property
    def jenis_label(self) -> str:
        return str(JENIS_LAPORAN_LABEL[self.jenis])

    @property
    def kategori_label(self) -> str | None:
        return str(KATEGORI_LABEL[self.kategori]) if self.kategori else None

    @property
    def at_opd(self) -> bool:
        return self.status in AT_OPD

    @property
    def batas_berjalan(self) -> date | None:
        """The deadline of the step the complaint waits for: the koordinator's verification, the
        OPD's follow-up plan, or its answer; None when nobody is due to act."""
        if self.status in AT_KOORDINATOR:
            return self.batas_verifikasi
        if self.status == S.DIDISPOSISIKAN:
            return self.batas_rencana
        if self.status == S.DITINDAKLANJUTI:
            return self.batas_selesai
        return None

    def tenggat(self, today: date, calendar: WorkCalendar) -> Tenggat:
        due = self.batas_berjalan
        if due is None:
            return Tenggat()
        left = (calendar.working_days_between(today, due) if due >= today
                else -calendar.working_days_between(due, today))
        return Tenggat(due=due, left=left, late=due < today)

    def move_to(self, new: StatusPengaduan, *, actor_id: int | None, pesan: str | None) -> None:
        """Change the status along a legal edge, and put it on the public timeline."""
        if new not in TRANSITIONS[self.status]:
            raise DomainError(_("Status %(dari)s tidak dapat diubah menjadi %(ke)s.",
                                dari=STATUS_LABEL[self.status], ke=STATUS_LABEL[new]))
        if new in NEEDS_REASON and not (pesan or "").strip():
            raise DomainError(_("Tuliskan alasannya; pelapor akan membacanya."), "pesan")
        self.riwayat.append(RiwayatPengaduan(dari=self.status, ke=new, actor_id=actor_id,
                                             pesan=(pesan or "").strip() or None))
        self.status = new

    def __repr__(self) -> str:
        return f"<Pengaduan {self.kode_lacak}>"


class RiwayatPengaduan(db.Model):
    """One step of the public timeline: a status change or a message the reporter may read."""

    __tablename__ = "riwayat_pengaduan"

    id: Mapped[int] = mapped_column(primary_key=True)
    pengaduan_id: Mapped[int] = mapped_column(sa.ForeignKey("pengaduan.id", ondelete="CASCADE"),
                                              index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    dari: Mapped[StatusPengaduan | None] = mapped_column(
        enum_column(StatusPengaduan, 20, name="status_dari"))
    ke: Mapped[StatusPengaduan] = mapped_column(enum_column(StatusPengaduan, 20, name="status_ke"))
    #: staff who made the change; never shown publicly
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"))
    #: what the reporter reads on the tracking page
    pesan: Mapped[str | None] = mapped_column(sa.Text)
    #: information the reporter added (not a staff message)
    dari_pelapor: Mapped[bool] = mapped_column(default=False)

    pengaduan: Mapped[Pengaduan] = relationship(back_populates="riwayat")

    @property
    def status_label(self) -> str:
        """What the step says on the timeline: the new status, or for information the reporter
        added without a change of status, that (not the unchanged status again)."""
        if self.dari_pelapor and self.dari == self.ke:
            return _("Informasi tambahan dari pelapor")
        if self.dari_pelapor and self.dari == StatusPengaduan.DITUNDA:
            return _("Informasi tambahan dari pelapor; laporan diperiksa lagi")
        return str(STATUS_LABEL[self.ke])


class LampiranPengaduan(db.Model):
    """A photo or PDF sent with a complaint, checked by content, stored outside the web root
    under a random name, with photo metadata (GPS) removed."""

    __tablename__ = "lampiran_pengaduan"

    id: Mapped[int] = mapped_column(primary_key=True)
    pengaduan_id: Mapped[int] = mapped_column(sa.ForeignKey("pengaduan.id", ondelete="CASCADE"),
                                              index=True)
    #: the name the reporter's file had, cleaned; shown, never used as a path
    nama_asli: Mapped[str] = mapped_column(sa.String(200))
    #: detected from the content: image/jpeg, image/png or application/pdf
    jenis_mime: Mapped[str] = mapped_column(sa.String(40))
    ukuran: Mapped[int]
    #: random file name under PORTAL_UPLOAD_DIR/pengaduan/
    kunci_simpan: Mapped[str] = mapped_column(sa.String(80), unique=True)
    sha256: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    pengaduan: Mapped[Pengaduan] = relationship(back_populates="lampiran")


class CatatanInternal(db.Model):
    """A note between staff about a complaint; the reporter never sees it."""

    __tablename__ = "catatan_internal"

    id: Mapped[int] = mapped_column(primary_key=True)
    pengaduan_id: Mapped[int] = mapped_column(sa.ForeignKey("pengaduan.id", ondelete="CASCADE"),
                                              index=True)
    actor_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    isi: Mapped[str] = mapped_column(sa.Text)

    pengaduan: Mapped[Pengaduan] = relationship(back_populates="catatan")


class Temuan(enum.StrEnum):
    """What the OPD concluded about the officer a complaint is tied to."""

    TIDAK_TERBUKTI = "tidak_terbukti"
    TERBUKTI = "terbukti"


TEMUAN_LABEL = {
    Temuan.TIDAK_TERBUKTI: _l("Pelayanan petugas tidak terbukti bermasalah"),
    Temuan.TERBUKTI: _l("Pelayanan petugas terbukti bermasalah"),
}

#: where a finding may be recorded: while the OPD handles it, and after it has answered
TEMUAN_BOLEH = frozenset({"didisposisikan", "ditindaklanjuti", "selesai", "ditutup"})


class KaitanPegawai(db.Model):
    """A complaint tied, inside the portal, to a staff member it concerns: input for their
    pejabat penilai when rating the period it happened in (DOMAIN.md). Never shown publicly.
    The OPD may record its finding: service at fault leads to a coaching plan (pembinaan)."""

    __tablename__ = "kaitan_pengaduan_pegawai"

    id: Mapped[int] = mapped_column(primary_key=True)
    pengaduan_id: Mapped[int] = mapped_column(sa.ForeignKey("pengaduan.id", ondelete="CASCADE"),
                                              index=True)
    pegawai_id: Mapped[int] = mapped_column(sa.ForeignKey("pegawai.id"), index=True)
    #: why the petugas tied them; read by the pegawai's supervisor
    catatan: Mapped[str] = mapped_column(sa.Text)
    actor_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    #: the OPD's conclusion about the officer's service; empty until one is recorded
    temuan: Mapped[Temuan | None] = mapped_column(enum_column(Temuan, 16, name="temuan_petugas"))
    temuan_at: Mapped[datetime | None]

    pengaduan: Mapped[Pengaduan] = relationship(back_populates="kaitan_pegawai")
    pegawai: Mapped[Pegawai] = relationship()

    @property
    def temuan_label(self) -> str | None:
        return str(TEMUAN_LABEL[self.temuan]) if self.temuan else None

    __table_args__ = (sa.UniqueConstraint("pengaduan_id", "pegawai_id"),)


class TemplatJawaban(TimestampMixin, db.Model):
    """A reusable answer an OPD keeps for questions that come often."""

    __tablename__ = "templat_jawaban"

    id: Mapped[int] = mapped_column(primary_key=True)
    opd_id: Mapped[int] = mapped_column(sa.ForeignKey("opd.id"), index=True)
    judul: Mapped[str] = mapped_column(sa.String(150))
    isi: Mapped[str] = mapped_column(sa.Text)


class KunciApi(TimestampMixin, db.Model):
    """An API key of a partner channel (Open311 clients) allowed to file complaints. Only the
    SHA-256 of the key is stored; the key itself is shown once, when it is made."""

    __tablename__ = "kunci_api"

    id: Mapped[int] = mapped_column(primary_key=True)
    nama: Mapped[str] = mapped_column(sa.String(120), unique=True)
    #: the first characters, to recognise a key in lists and logs
    awalan: Mapped[str] = mapped_column(sa.String(12))
    sha256: Mapped[str] = mapped_column(sa.String(64), unique=True)
    aktif: Mapped[bool] = mapped_column(default=True)

"""Competency development records (Peraturan LAN 10/2018; PP 11/2017 art. 203):

- ``Kegiatan``: an activity of the catalogue, of one OPD or (``opd_id`` empty) of the whole pemda;
- ``PesertaKegiatan``: a pegawai's part in one: proposed (by them or their atasan), approved or
  refused by the atasan, attendance marked by the OPD admin, completed with a certificate;
- ``PembelajaranMandiri``: learning the pegawai reports (e-learning, an outside course) with its
  certificate, verified or rejected by the OPD admin.

A record's JP count only once completed or verified: then ``jp_diakui`` and ``tahun`` are set,
so a year's total is one indexed SUM. Every state and its legal next states live here; any other
move raises ``DomainError``."""

from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.models import DomainError, TimestampMixin, enum_column, utcnow
from portal.extensions import db
from portal.org.models import Layanan, Opd, Pegawai, Pemda
from portal.pembinaan.kompetensi.jp import KLASIKAL


class BentukKegiatan(enum.StrEnum):
    """The forms of Peraturan LAN 10/2018: klasikal first, then nonklasikal."""

    PELATIHAN_STRUKTURAL = "pelatihan_struktural"
    PELATIHAN_MANAJERIAL = "pelatihan_manajerial"
    PELATIHAN_TEKNIS = "pelatihan_teknis"
    PELATIHAN_FUNGSIONAL = "pelatihan_fungsional"
    PELATIHAN_SOSIOKULTURAL = "pelatihan_sosiokultural"
    BIMTEK = "bimtek"
    SOSIALISASI = "sosialisasi"
    WORKSHOP = "workshop"
    SEMINAR = "seminar"
    COACHING = "coaching"
    MENTORING = "mentoring"
    E_LEARNING = "e_learning"
    PELATIHAN_JARAK_JAUH = "pelatihan_jarak_jauh"
    OUTBOUND = "outbound"
    ON_THE_JOB = "on_the_job"
    MAGANG = "magang"
    PATOK_BANDING = "patok_banding"
    PERTUKARAN = "pertukaran"
    BELAJAR_MANDIRI = "belajar_mandiri"
    KOMUNITAS_BELAJAR = "komunitas_belajar"

    @property
    def klasikal(self) -> bool:
        return self.value in KLASIKAL


BENTUK_LABEL = {
    BentukKegiatan.PELATIHAN_STRUKTURAL: _l("Pelatihan struktural kepemimpinan"),
    BentukKegiatan.PELATIHAN_MANAJERIAL: _l("Pelatihan manajerial"),
    BentukKegiatan.PELATIHAN_TEKNIS: _l("Pelatihan teknis"),
    BentukKegiatan.PELATIHAN_FUNGSIONAL: _l("Pelatihan fungsional"),
    BentukKegiatan.PELATIHAN_SOSIOKULTURAL: _l("Pelatihan sosial kultural"),
    BentukKegiatan.BIMTEK: _l("Bimbingan teknis"),
    BentukKegiatan.SOSIALISASI: _l("Sosialisasi"),
    BentukKegiatan.WORKSHOP: _l("Workshop atau lokakarya"),
    BentukKegiatan.SEMINAR: _l("Seminar, konferensi, sarasehan"),
    BentukKegiatan.COACHING: _l("Coaching"),
    BentukKegiatan.MENTORING: _l("Mentoring"),
    BentukKegiatan.E_LEARNING: _l("E-learning"),
    BentukKegiatan.PELATIHAN_JARAK_JAUH: _l("Pelatihan jarak jauh"),
    BentukKegiatan.OUTBOUND: _l("Outbound"),
    BentukKegiatan.ON_THE_JOB: _l("Pelatihan di tempat kerja (on the job)"),
    BentukKegiatan.MAGANG: _l("Magang atau detasering"),
    BentukKegiatan.PATOK_BANDING: _l("Patok banding (benchmarking)"),
    BentukKegiatan.PERTUKARAN: _l("Pertukaran PNS dengan pegawai swasta/BUMN"),
    BentukKegiatan.BELAJAR_MANDIRI: _l("Belajar mandiri (self development)"),
    BentukKegiatan.KOMUNITAS_BELAJAR: _l("Komunitas belajar"),
}


class JenisKompetensi(enum.StrEnum):
    TEKNIS = "teknis"
    MANAJERIAL = "manajerial"
    SOSIOKULTURAL = "sosiokultural"


KOMPETENSI_LABEL = {
    JenisKompetensi.TEKNIS: _l("Teknis"),
    JenisKompetensi.MANAJERIAL: _l("Manajerial"),
    JenisKompetensi.SOSIOKULTURAL: _l("Sosial kultural"),
}


class SumberAnggaran(enum.StrEnum):
    APBD = "apbd"
    TANPA_BIAYA = "tanpa_biaya"


ANGGARAN_LABEL = {
    SumberAnggaran.APBD: _l("APBD"),
    SumberAnggaran.TANPA_BIAYA: _l("Tanpa biaya"),
}


class AsalKebutuhan(enum.StrEnum):
    """Where the need for an activity came from (PP 11/2017 art. 205: the competence gap and the
    performance gap; issue 10: the public's voice)."""

    HASIL_EVALUASI = "hasil_evaluasi"
    KESENJANGAN_KOMPETENSI = "kesenjangan_kompetensi"
    PENGADUAN = "pengaduan"
    SURVEI = "survei"
    USULAN_PEGAWAI = "usulan_pegawai"
    PROGRAM_INSTANSI = "program_instansi"
    LAINNYA = "lainnya"


ASAL_KEBUTUHAN_LABEL = {
    AsalKebutuhan.HASIL_EVALUASI: _l("Hasil evaluasi kinerja"),
    AsalKebutuhan.KESENJANGAN_KOMPETENSI: _l("Kesenjangan kompetensi jabatan"),
    AsalKebutuhan.PENGADUAN: _l("Pengaduan masyarakat"),
    AsalKebutuhan.SURVEI: _l("Survei kepuasan masyarakat"),
    AsalKebutuhan.USULAN_PEGAWAI: _l("Usulan pegawai"),
    AsalKebutuhan.PROGRAM_INSTANSI: _l("Program instansi atau pemerintah pusat"),
    AsalKebutuhan.LAINNYA: _l("Lainnya"),
}


class SumberSuara(enum.StrEnum):
    """Which part of the public's voice an activity answers ("Dari suara publik ke tindakan"):
    an SKM unsur of the service (``portal.org.skm``) or a complaint category
    (``complaints.models.KategoriPengaduan``)."""

    UNSUR = "unsur"
    KATEGORI = "kategori"


class Kegiatan(TimestampMixin, db.Model):
    """One activity of the training catalogue (a course of BPSDM, an e-learning, a coaching
    cycle…), offered to the staff of one OPD or of every OPD of the pemda."""

    __tablename__ = "kegiatan_pengembangan"

    id: Mapped[int] = mapped_column(primary_key=True)
    pemda_id: Mapped[int] = mapped_column(sa.ForeignKey("pemda.id"), index=True)
    #: empty: offered to the staff of every OPD of the pemda (kept by the admin pemda)
    opd_id: Mapped[int | None] = mapped_column(sa.ForeignKey("opd.id"), index=True)
    judul: Mapped[str] = mapped_column(sa.String(300))
    bentuk: Mapped[BentukKegiatan] = mapped_column(
        enum_column(BentukKegiatan, 32, name="pmb_kegiatan_bentuk"))
    penyelenggara: Mapped[str] = mapped_column(sa.String(200))
    #: the JP the activity states (its curriculum or certificate); what counts is in jp.py
    jp: Mapped[int]
    tanggal_mulai: Mapped[date]
    tanggal_selesai: Mapped[date]
    kompetensi: Mapped[JenisKompetensi] = mapped_column(
        enum_column(JenisKompetensi, 16, name="pmb_kegiatan_kompetensi"))
    sumber_anggaran: Mapped[SumberAnggaran] = mapped_column(
        enum_column(SumberAnggaran, 16, name="pmb_kegiatan_anggaran"))
    asal_kebutuhan: Mapped[AsalKebutuhan] = mapped_column(
        enum_column(AsalKebutuhan, 32, name="pmb_kegiatan_asal"))
    #: the need in words: the evaluation, complaint or survey finding behind it
    keterangan_kebutuhan: Mapped[str | None] = mapped_column(sa.Text)
    deskripsi: Mapped[str] = mapped_column(sa.Text, default="")
    #: the service whose public voice (survey or complaints) the activity answers, when planned
    #: from "Dari suara publik ke tindakan"; with the unsur or category it answers
    layanan_id: Mapped[int | None] = mapped_column(sa.ForeignKey("layanan.id"), index=True)
    suara_sumber: Mapped[SumberSuara | None] = mapped_column(
        enum_column(SumberSuara, 8, name="pmb_kegiatan_suara"))
    #: an unsur key (``org.skm.UNSUR_KEYS``) or a ``KategoriPengaduan`` value
    suara_kode: Mapped[str | None] = mapped_column(sa.String(32))
    #: open for proposals; a closed activity keeps its participants
    aktif: Mapped[bool] = mapped_column(default=True)
    dibuat_oleh_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"))

    pemda: Mapped[Pemda] = relationship()
    opd: Mapped[Opd | None] = relationship()
    layanan: Mapped[Layanan | None] = relationship()
    peserta: Mapped[list[PesertaKegiatan]] = relationship(back_populates="kegiatan")

    __table_args__ = (
        sa.CheckConstraint("jp >= 1", name="jp_positif"),
        sa.CheckConstraint("tanggal_selesai >= tanggal_mulai", name="tanggal_urut"),
        sa.Index("ix_kegiatan_pengembangan_pemda_mulai", "pemda_id", "tanggal_mulai"),
    )

    @property
    def bentuk_label(self) -> str:
        return str(BENTUK_LABEL[self.bentuk])

    @property
    def kompetensi_label(self) -> str:
        return str(KOMPETENSI_LABEL[self.kompetensi])

    @property
    def anggaran_label(self) -> str:
        return str(ANGGARAN_LABEL[self.sumber_anggaran])

    @property
    def asal_label(self) -> str:
        return str(ASAL_KEBUTUHAN_LABEL[self.asal_kebutuhan])

    def terbuka_untuk(self, pegawai: Pegawai) -> bool:
        """The activity is offered to this pegawai's OPD (or to every OPD of their pemda)."""
        if self.opd_id is not None:
            return self.opd_id == pegawai.opd_id
        return self.pemda_id == pegawai.opd.pemda_id

    def cek_usulan(self, today: date) -> None:
        if not self.aktif:
            raise DomainError(_("Kegiatan ini sudah ditutup untuk usulan."), "kegiatan_id")
        if today > self.tanggal_selesai:
            raise DomainError(_("Kegiatan ini sudah berakhir; usulan tidak dapat diajukan lagi."),
                              "kegiatan_id")

    def __repr__(self) -> str:
        return f"<Kegiatan {self.id} {self.judul[:30]}>"


class SertifikatMixin:
    """A certificate: its number, and/or a file stored under PORTAL_UPLOAD_DIR/sertifikat."""

    nomor_sertifikat: Mapped[str | None] = mapped_column(sa.String(120))
    #: the uploader's file name, cleaned; shown, never used as a path
    sertifikat_nama: Mapped[str | None] = mapped_column(sa.String(200))
    sertifikat_mime: Mapped[str | None] = mapped_column(sa.String(100))
    sertifikat_ukuran: Mapped[int | None]
    #: the random file name on disk
    sertifikat_kunci: Mapped[str | None] = mapped_column(sa.String(80))
    sertifikat_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    #: the JP this record counts, set when completed or verified (None: counts nothing)
    jp_diakui: Mapped[int | None]
    #: the year it counts in: the year its activity ended
    tahun: Mapped[int | None]

    @property
    def ada_berkas(self) -> bool:
        return self.sertifikat_kunci is not None

    def simpan_sertifikat(self, berkas, nomor: str | None) -> None:
        """``berkas``: a ``StoredFile`` (sertifikat.py) or None."""
        self.nomor_sertifikat = (nomor or "").strip() or None
        if berkas is not None:
            self.sertifikat_nama, self.sertifikat_mime = berkas.nama, berkas.jenis_mime
            self.sertifikat_ukuran, self.sertifikat_kunci = berkas.ukuran, berkas.kunci_simpan
            self.sertifikat_sha256 = berkas.sha256


# --- participation in a catalogue activity -------------------------------------------------------

class StatusPeserta(enum.StrEnum):
    DIUSULKAN = "diusulkan"
    DISETUJUI = "disetujui"
    DITOLAK = "ditolak"
    DIBATALKAN = "dibatalkan"
    HADIR = "hadir"
    TIDAK_HADIR = "tidak_hadir"
    SELESAI = "selesai"


STATUS_PESERTA_LABEL = {
    StatusPeserta.DIUSULKAN: _l("Menunggu persetujuan atasan"),
    StatusPeserta.DISETUJUI: _l("Disetujui atasan"),
    StatusPeserta.DITOLAK: _l("Ditolak atasan"),
    StatusPeserta.DIBATALKAN: _l("Dibatalkan"),
    StatusPeserta.HADIR: _l("Hadir, menunggu sertifikat"),
    StatusPeserta.TIDAK_HADIR: _l("Tidak hadir"),
    StatusPeserta.SELESAI: _l("Selesai, JP diakui"),
}

#: state → the states it may move to; a state not listed is final
PESERTA_TRANSISI: dict[StatusPeserta, frozenset[StatusPeserta]] = {
    StatusPeserta.DIUSULKAN: frozenset({StatusPeserta.DISETUJUI, StatusPeserta.DITOLAK,
                                        StatusPeserta.DIBATALKAN}),
    StatusPeserta.DISETUJUI: frozenset({StatusPeserta.HADIR, StatusPeserta.TIDAK_HADIR,
                                        StatusPeserta.DIBATALKAN}),
    StatusPeserta.HADIR: frozenset({StatusPeserta.SELESAI}),
}
#: a proposal in one of these states blocks another for the same activity
PESERTA_AKTIF = frozenset({StatusPeserta.DIUSULKAN, StatusPeserta.DISETUJUI,
                           StatusPeserta.HADIR, StatusPeserta.SELESAI})


class PesertaKegiatan(SertifikatMixin, TimestampMixin, db.Model):
    __tablename__ = "peserta_kegiatan"

    id: Mapped[int] = mapped_column(primary_key=True)
    kegiatan_id: Mapped[int] = mapped_column(sa.ForeignKey("kegiatan_pengembangan.id"),
                                             index=True)
    pegawai_id: Mapped[int] = mapped_column(sa.ForeignKey("pegawai.id"))
    status: Mapped[StatusPeserta] = mapped_column(
        enum_column(StatusPeserta, 16, name="pmb_peserta_status"),
        default=StatusPeserta.DIUSULKAN)
    diusulkan_oleh_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"))
    #: why the pegawai should take part (the gap it closes)
    alasan_usulan: Mapped[str | None] = mapped_column(sa.Text)
    #: the atasan's reason for a refusal
    alasan_tolak: Mapped[str | None] = mapped_column(sa.Text)
    diputus_at: Mapped[datetime | None]
    selesai_at: Mapped[datetime | None]

    kegiatan: Mapped[Kegiatan] = relationship(back_populates="peserta")
    pegawai: Mapped[Pegawai] = relationship()

    __table_args__ = (
        sa.Index("ix_peserta_kegiatan_pegawai_tahun_jp", "pegawai_id", "tahun", "jp_diakui"),
    )

    @property
    def status_label(self) -> str:
        return str(STATUS_PESERTA_LABEL[self.status])

    def boleh(self, ke: StatusPeserta) -> bool:
        return ke in PESERTA_TRANSISI.get(self.status, frozenset())

    def _pindah(self, ke: StatusPeserta) -> StatusPeserta:
        if not self.boleh(ke):
            raise DomainError(_("Tidak dapat diubah menjadi \"%(ke)s\": status peserta sekarang "
                                "\"%(status)s\".", ke=STATUS_PESERTA_LABEL[ke],
                                status=self.status_label))
        asal, self.status = self.status, ke
        return asal

    def setujui(self) -> StatusPeserta:
        asal = self._pindah(StatusPeserta.DISETUJUI)
        self.diputus_at = utcnow()
        return asal

    def tolak(self, alasan: str | None) -> StatusPeserta:
        alasan = (alasan or "").strip()
        if self.boleh(StatusPeserta.DITOLAK) and not alasan:
            raise DomainError(_("Tuliskan alasan penolakan."), "alasan")
        asal = self._pindah(StatusPeserta.DITOLAK)
        self.alasan_tolak, self.diputus_at = alasan, utcnow()
        return asal

    def batalkan(self, today: date) -> StatusPeserta:
        if self.boleh(StatusPeserta.DIBATALKAN) and today >= self.kegiatan.tanggal_mulai \
                and self.status == StatusPeserta.DISETUJUI:
            raise DomainError(_("Kegiatan sudah dimulai; keikutsertaan tidak dapat dibatalkan "
                                "lagi. Admin OPD mencatat kehadirannya."))
        return self._pindah(StatusPeserta.DIBATALKAN)

    def catat_kehadiran(self, hadir: bool, today: date) -> StatusPeserta:
        ke = StatusPeserta.HADIR if hadir else StatusPeserta.TIDAK_HADIR
        if self.boleh(ke) and today < self.kegiatan.tanggal_mulai:
            raise DomainError(_("Kehadiran baru dapat dicatat sejak kegiatan dimulai (%(tanggal)s).",
                                tanggal=self.kegiatan.tanggal_mulai.isoformat()))
        return self._pindah(ke)

    def selesaikan(self, jp: int, today: date) -> StatusPeserta:
        """Completed: the certificate is on the record (``simpan_sertifikat`` first)."""
        if self.boleh(StatusPeserta.SELESAI):
            if today < self.kegiatan.tanggal_selesai:
                raise DomainError(_("Kegiatan belum berakhir (%(tanggal)s); sertifikat dicatat "
                                    "setelah kegiatan selesai.",
                                    tanggal=self.kegiatan.tanggal_selesai.isoformat()))
            if not (self.nomor_sertifikat or self.ada_berkas):
                raise DomainError(_("Unggah berkas sertifikat atau isi nomor sertifikatnya."),
                                  "sertifikat")
        asal = self._pindah(StatusPeserta.SELESAI)
        self.jp_diakui, self.tahun = jp, self.kegiatan.tanggal_selesai.year
        self.selesai_at = utcnow()
        return asal


# --- self-reported learning ---------------------------------------------------------------------

class StatusMandiri(enum.StrEnum):
    DIAJUKAN = "diajukan"
    DIVERIFIKASI = "diverifikasi"
    DITOLAK = "ditolak"
    DIBATALKAN = "dibatalkan"


STATUS_MANDIRI_LABEL = {
    StatusMandiri.DIAJUKAN: _l("Menunggu verifikasi admin OPD"),
    StatusMandiri.DIVERIFIKASI: _l("Diverifikasi, JP diakui"),
    StatusMandiri.DITOLAK: _l("Ditolak admin OPD"),
    StatusMandiri.DIBATALKAN: _l("Ditarik pegawai"),
}

MANDIRI_TRANSISI: dict[StatusMandiri, frozenset[StatusMandiri]] = {
    StatusMandiri.DIAJUKAN: frozenset({StatusMandiri.DIVERIFIKASI, StatusMandiri.DITOLAK,
                                       StatusMandiri.DIBATALKAN}),
}


class PembelajaranMandiri(SertifikatMixin, TimestampMixin, db.Model):
    """Learning the pegawai took outside the catalogue (an e-learning of LAN or a ministry, an
    outside course, a seminar) and reports with its certificate."""

    __tablename__ = "pembelajaran_mandiri"

    id: Mapped[int] = mapped_column(primary_key=True)
    pegawai_id: Mapped[int] = mapped_column(sa.ForeignKey("pegawai.id"))
    judul: Mapped[str] = mapped_column(sa.String(300))
    bentuk: Mapped[BentukKegiatan] = mapped_column(
        enum_column(BentukKegiatan, 32, name="pmb_mandiri_bentuk"))
    penyelenggara: Mapped[str] = mapped_column(sa.String(200))
    kompetensi: Mapped[JenisKompetensi] = mapped_column(
        enum_column(JenisKompetensi, 16, name="pmb_mandiri_kompetensi"))
    tanggal_mulai: Mapped[date]
    tanggal_selesai: Mapped[date]
    #: the JP the certificate states, or the duration given converted (jp.jp_dari_menit)
    jp_tertulis: Mapped[int]
    #: the duration, when the certificate gives hours rather than JP
    menit: Mapped[int | None]
    status: Mapped[StatusMandiri] = mapped_column(
        enum_column(StatusMandiri, 16, name="pmb_mandiri_status"), default=StatusMandiri.DIAJUKAN)
    alasan_tolak: Mapped[str | None] = mapped_column(sa.Text)
    diverifikasi_oleh_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"))
    diverifikasi_at: Mapped[datetime | None]

    pegawai: Mapped[Pegawai] = relationship()

    __table_args__ = (
        sa.CheckConstraint("jp_tertulis >= 0", name="jp_tidak_negatif"),
        sa.CheckConstraint("tanggal_selesai >= tanggal_mulai", name="tanggal_urut"),
        sa.Index("ix_pembelajaran_mandiri_pegawai_tahun_jp", "pegawai_id", "tahun", "jp_diakui"),
        #: the OPD's count of records waiting for verification, per pegawai of the OPD
        sa.Index("ix_pembelajaran_mandiri_pegawai_status", "pegawai_id", "status"),
    )

    @property
    def status_label(self) -> str:
        return str(STATUS_MANDIRI_LABEL[self.status])

    @property
    def bentuk_label(self) -> str:
        return str(BENTUK_LABEL[self.bentuk])

    def boleh(self, ke: StatusMandiri) -> bool:
        return ke in MANDIRI_TRANSISI.get(self.status, frozenset())

    def _pindah(self, ke: StatusMandiri) -> StatusMandiri:
        if not self.boleh(ke):
            raise DomainError(_("Tidak dapat diubah menjadi \"%(ke)s\": status laporan sekarang "
                                "\"%(status)s\".", ke=STATUS_MANDIRI_LABEL[ke],
                                status=self.status_label))
        asal, self.status = self.status, ke
        return asal

    def verifikasi(self, jp: int) -> StatusMandiri:
        asal = self._pindah(StatusMandiri.DIVERIFIKASI)
        self.jp_diakui, self.tahun = jp, self.tanggal_selesai.year
        self.diverifikasi_at = utcnow()
        return asal

    def tolak(self, alasan: str | None) -> StatusMandiri:
        alasan = (alasan or "").strip()
        if self.boleh(StatusMandiri.DITOLAK) and not alasan:
            raise DomainError(_("Tuliskan alasan penolakan, agar pegawai dapat memperbaikinya."),
                              "alasan")
        asal = self._pindah(StatusMandiri.DITOLAK)
        self.alasan_tolak, self.diverifikasi_at = alasan, utcnow()
        return asal

    def batalkan(self) -> StatusMandiri:
        return self._pindah(StatusMandiri.DIBATALKAN)

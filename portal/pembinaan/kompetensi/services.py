"""The changes of competency development. Each function checks who acts and the rule, changes
the objects (the legal moves are on the models), writes the audit entry and flushes; the view
commits. ``today`` is the local (WIB) date, passed in so tests can move the calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from portal.auth.models import User
from portal.core.models import DomainError, record_audit
from portal.extensions import db
from portal.org.models import Opd, Pegawai, Pemda
from portal.pembinaan import access
from portal.pembinaan.kompetensi import jp as jp_rules
from portal.pembinaan.kompetensi.models import (
    PESERTA_AKTIF,
    AsalKebutuhan,
    BentukKegiatan,
    JenisKompetensi,
    Kegiatan,
    PembelajaranMandiri,
    PesertaKegiatan,
    StatusMandiri,
    StatusPeserta,
    SumberAnggaran,
)
from portal.pembinaan.kompetensi.sertifikat import StoredFile
from portal.pembinaan.settings import aturan_jp


def _refuse_unless(allowed: bool, message: str) -> None:
    if not allowed:
        raise DomainError(message)


# --- the catalogue -------------------------------------------------------------------------------

@dataclass
class KegiatanData:
    judul: str
    bentuk: BentukKegiatan | str
    penyelenggara: str
    jp: int
    tanggal_mulai: date
    tanggal_selesai: date
    kompetensi: JenisKompetensi | str
    sumber_anggaran: SumberAnggaran | str
    asal_kebutuhan: AsalKebutuhan | str
    keterangan_kebutuhan: str | None = None
    deskripsi: str = ""
    aktif: bool = True


#: what may not change once a participant's JP were counted on it
_COUNTED_FIELDS = ("bentuk", "jp", "tanggal_mulai", "tanggal_selesai")


def simpan_kegiatan(actor: User, kegiatan: Kegiatan | None, data: KegiatanData, *,
                    opd: Opd | None = None, pemda: Pemda | None = None) -> Kegiatan:
    """Add an activity to the catalogue (of ``opd``, or of the whole ``pemda``) or change one."""
    if kegiatan is None:
        if opd is not None:
            pemda = opd.pemda
        _refuse_unless(pemda is not None and access.manages_kegiatan(
            actor, opd.id if opd else None, pemda.id),
            _("Anda tidak mengelola katalog pengembangan kompetensi ini."))
    else:
        _refuse_unless(access.manages_kegiatan(actor, kegiatan.opd_id, kegiatan.pemda_id),
                       _("Anda tidak mengelola katalog pengembangan kompetensi ini."))
    if data.tanggal_selesai < data.tanggal_mulai:
        raise DomainError(_("Tanggal selesai tidak boleh sebelum tanggal mulai."),
                          "tanggal_selesai")
    if data.jp < 1:
        raise DomainError(_("JP paling sedikit 1."), "jp")
    values = {
        "judul": data.judul.strip(), "bentuk": BentukKegiatan(data.bentuk),
        "penyelenggara": data.penyelenggara.strip(), "jp": data.jp,
        "tanggal_mulai": data.tanggal_mulai, "tanggal_selesai": data.tanggal_selesai,
        "kompetensi": JenisKompetensi(data.kompetensi),
        "sumber_anggaran": SumberAnggaran(data.sumber_anggaran),
        "asal_kebutuhan": AsalKebutuhan(data.asal_kebutuhan),
        "keterangan_kebutuhan": (data.keterangan_kebutuhan or "").strip() or None,
        "deskripsi": (data.deskripsi or "").strip(), "aktif": bool(data.aktif),
    }
    if kegiatan is None:
        kegiatan = Kegiatan(pemda=pemda, opd=opd, dibuat_oleh_id=actor.id, **values)
        db.session.add(kegiatan)
        record_audit(actor, kegiatan, "dibuat")
    else:
        if _has_counted(kegiatan):
            changed = [name for name in _COUNTED_FIELDS if getattr(kegiatan, name) != values[name]]
            if changed:
                raise DomainError(_("JP peserta kegiatan ini sudah diakui: bentuk, JP, dan "
                                    "tanggalnya tidak dapat diubah lagi."), changed[0])
        for name, value in values.items():
            setattr(kegiatan, name, value)
        record_audit(actor, kegiatan, "diubah")
    db.session.flush()
    return kegiatan


def _has_counted(kegiatan: Kegiatan) -> bool:
    return db.session.scalar(sa.select(sa.func.count()).select_from(PesertaKegiatan).where(
        PesertaKegiatan.kegiatan_id == kegiatan.id,
        PesertaKegiatan.status == StatusPeserta.SELESAI)) > 0


# --- participation -----------------------------------------------------------------------------

def _audit_peserta(actor: User, peserta: PesertaKegiatan, action: str, asal, comment=None):
    record_audit(actor, peserta, action, from_state=asal.value if asal else None,
                 to_state=peserta.status.value, comment=comment)


def usulkan(actor: User, pegawai: Pegawai, kegiatan: Kegiatan, alasan: str | None,
            today: date) -> PesertaKegiatan:
    """The pegawai, or their atasan, proposes joining an activity. The atasan's own proposal
    needs no second approval: it is approved at once (both steps are in the audit)."""
    _refuse_unless(access.can_propose(actor, pegawai),
                   _("Hanya pegawai yang bersangkutan atau atasan langsungnya yang dapat "
                     "mengusulkan."))
    return _daftarkan(actor, pegawai, kegiatan, alasan, today)


def usulkan_oleh_admin(actor: User, pegawai: Pegawai, kegiatan: Kegiatan, alasan: str | None,
                       today: date) -> PesertaKegiatan:
    """The admin OPD proposes one of their OPD's staff, as for an activity planned for a
    service's staff from the public's voice. The atasan approves or refuses it like any other
    proposal (for a pegawai with no atasan, the admin decides: approved at once)."""
    _refuse_unless(access.is_admin_opd_of(actor, pegawai),
                   _("Hanya admin OPD pegawai itu yang dapat mengusulkannya."))
    return _daftarkan(actor, pegawai, kegiatan, alasan, today)


def _daftarkan(actor: User, pegawai: Pegawai, kegiatan: Kegiatan, alasan: str | None,
               today: date) -> PesertaKegiatan:
    if not kegiatan.terbuka_untuk(pegawai):
        raise DomainError(_("Kegiatan ini tidak dibuka untuk OPD pegawai tersebut."),
                          "kegiatan_id")
    kegiatan.cek_usulan(today)
    existing = db.session.scalar(sa.select(PesertaKegiatan).where(
        PesertaKegiatan.kegiatan_id == kegiatan.id, PesertaKegiatan.pegawai_id == pegawai.id,
        PesertaKegiatan.status.in_(PESERTA_AKTIF)))
    if existing is not None:
        raise DomainError(_("%(nama)s sudah terdaftar pada kegiatan ini (%(status)s).",
                            nama=pegawai.nama, status=existing.status_label), "kegiatan_id")
    peserta = PesertaKegiatan(kegiatan=kegiatan, pegawai=pegawai, diusulkan_oleh_id=actor.id,
                              alasan_usulan=(alasan or "").strip() or None,
                              status=StatusPeserta.DIUSULKAN)
    db.session.add(peserta)
    _audit_peserta(actor, peserta, "diusulkan", None, peserta.alasan_usulan)
    if access.decides_proposals_of(actor, pegawai):
        asal = peserta.setujui()
        _audit_peserta(actor, peserta, "disetujui", asal)
    db.session.flush()
    return peserta


def setujui(actor: User, peserta: PesertaKegiatan) -> None:
    _refuse_unless(access.decides_proposals_of(actor, peserta.pegawai),
                   _("Hanya atasan langsung pegawai yang dapat menyetujui usulan ini."))
    asal = peserta.setujui()
    _audit_peserta(actor, peserta, "disetujui", asal)
    db.session.flush()


def tolak(actor: User, peserta: PesertaKegiatan, alasan: str | None) -> None:
    _refuse_unless(access.decides_proposals_of(actor, peserta.pegawai),
                   _("Hanya atasan langsung pegawai yang dapat menolak usulan ini."))
    asal = peserta.tolak(alasan)
    _audit_peserta(actor, peserta, "ditolak", asal, peserta.alasan_tolak)
    db.session.flush()


def batalkan(actor: User, peserta: PesertaKegiatan, today: date) -> None:
    _refuse_unless(access.is_self(actor, peserta.pegawai),
                   _("Hanya pegawai yang bersangkutan yang dapat membatalkan keikutsertaannya."))
    asal = peserta.batalkan(today)
    _audit_peserta(actor, peserta, "dibatalkan", asal)
    db.session.flush()


def catat_kehadiran(actor: User, peserta: PesertaKegiatan, hadir: bool, today: date) -> None:
    _refuse_unless(access.is_admin_opd_of(actor, peserta.pegawai),
                   _("Kehadiran dicatat oleh admin OPD pegawai tersebut."))
    asal = peserta.catat_kehadiran(hadir, today)
    _audit_peserta(actor, peserta, "kehadiran", asal)
    db.session.flush()


def selesaikan(actor: User, peserta: PesertaKegiatan, berkas: StoredFile | None,
               nomor: str | None, today: date) -> None:
    """The admin OPD records the certificate: the JP count from now on."""
    _refuse_unless(access.is_admin_opd_of(actor, peserta.pegawai),
                   _("Sertifikat dicatat oleh admin OPD pegawai tersebut."))
    if peserta.status == StatusPeserta.HADIR:
        peserta.simpan_sertifikat(berkas, nomor)
    kegiatan = peserta.kegiatan
    asal = peserta.selesaikan(jp_rules.jp_kegiatan(kegiatan.bentuk, kegiatan.jp, aturan_jp()),
                              today)
    _audit_peserta(actor, peserta, "selesai", asal, peserta.nomor_sertifikat)
    db.session.flush()


# --- self-reported learning ---------------------------------------------------------------------

@dataclass
class MandiriData:
    judul: str
    bentuk: BentukKegiatan | str
    penyelenggara: str
    kompetensi: JenisKompetensi | str
    tanggal_mulai: date
    tanggal_selesai: date
    #: the JP the certificate states, or (``menit``) the duration it gives
    jp: int | None = None
    menit: int | None = None
    nomor_sertifikat: str | None = None


def laporkan_mandiri(actor: User, pegawai: Pegawai, data: MandiriData,
                     berkas: StoredFile | None, today: date) -> PembelajaranMandiri:
    _refuse_unless(access.is_self(actor, pegawai),
                   _("Hanya pegawai yang bersangkutan yang dapat melaporkan pembelajarannya."))
    if data.tanggal_selesai < data.tanggal_mulai:
        raise DomainError(_("Tanggal selesai tidak boleh sebelum tanggal mulai."),
                          "tanggal_selesai")
    if data.tanggal_selesai > today:
        raise DomainError(_("Laporkan pembelajaran yang sudah selesai; tanggal selesai tidak "
                            "boleh setelah hari ini."), "tanggal_selesai")
    if berkas is None:
        raise DomainError(_("Unggah sertifikat atau bukti selesainya (PDF, JPEG, atau PNG)."),
                          "sertifikat")
    if data.jp is None and data.menit is None:
        raise DomainError(_("Isi JP yang tertulis di sertifikat, atau lamanya dalam jam."), "jp")
    aturan = aturan_jp()
    jp_tertulis = data.jp if data.jp is not None else jp_rules.jp_dari_menit(data.menit or 0,
                                                                              aturan)
    if jp_tertulis < 1:
        raise DomainError(_("Lama pembelajaran kurang dari 1 JP (%(menit)s menit).",
                            menit=aturan.menit_per_jp), "jp")
    item = PembelajaranMandiri(
        pegawai=pegawai, judul=data.judul.strip(), bentuk=BentukKegiatan(data.bentuk),
        penyelenggara=data.penyelenggara.strip(), kompetensi=JenisKompetensi(data.kompetensi),
        tanggal_mulai=data.tanggal_mulai, tanggal_selesai=data.tanggal_selesai,
        jp_tertulis=jp_tertulis, menit=data.menit if data.jp is None else None,
        status=StatusMandiri.DIAJUKAN)
    item.simpan_sertifikat(berkas, data.nomor_sertifikat)
    db.session.add(item)
    record_audit(actor, item, "dilaporkan", to_state=item.status.value)
    db.session.flush()
    return item


def verifikasi_mandiri(actor: User, item: PembelajaranMandiri, jp_diakui: int | None) -> None:
    """The admin OPD checks the certificate; the JP recognised may be fewer than stated."""
    _refuse_unless(access.is_admin_opd_of(actor, item.pegawai),
                   _("Laporan ini diverifikasi oleh admin OPD pegawai tersebut."))
    jp = item.jp_tertulis if jp_diakui is None else jp_diakui
    if item.boleh(StatusMandiri.DIVERIFIKASI) and not 1 <= jp <= item.jp_tertulis:
        raise DomainError(_("JP yang diakui antara 1 dan %(n)s (yang tertulis).",
                            n=item.jp_tertulis), "jp_diakui")
    asal = item.verifikasi(jp_rules.jp_kegiatan(item.bentuk, jp, aturan_jp()))
    item.diverifikasi_oleh_id = actor.id
    record_audit(actor, item, "diverifikasi", from_state=asal.value, to_state=item.status.value,
                 comment=str(item.jp_diakui))
    db.session.flush()


def tolak_mandiri(actor: User, item: PembelajaranMandiri, alasan: str | None) -> None:
    _refuse_unless(access.is_admin_opd_of(actor, item.pegawai),
                   _("Laporan ini diverifikasi oleh admin OPD pegawai tersebut."))
    asal = item.tolak(alasan)
    item.diverifikasi_oleh_id = actor.id
    record_audit(actor, item, "ditolak", from_state=asal.value, to_state=item.status.value,
                 comment=item.alasan_tolak)
    db.session.flush()


def batalkan_mandiri(actor: User, item: PembelajaranMandiri) -> None:
    _refuse_unless(access.is_self(actor, item.pegawai),
                   _("Hanya pegawai yang bersangkutan yang dapat menarik laporannya."))
    asal = item.batalkan()
    record_audit(actor, item, "ditarik", from_state=asal.value, to_state=item.status.value)
    db.session.flush()

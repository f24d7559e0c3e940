"""What staff and the reporter do with a filed complaint. Each function checks the rule (who may
act, through ``access``; which move is legal, through ``Pengaduan.move_to``), changes the
complaint, writes the audit entry and flushes; the view commits."""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from portal.complaints import access, mail
from portal.complaints.models import (
    FINAL,
    INVALID,
    REFUSED,
    TEMUAN_BOLEH,
    CatatanInternal,
    Identitas,
    KaitanPegawai,
    KategoriPengaduan,
    Pengaduan,
    RiwayatPengaduan,
    TemplatJawaban,
    Temuan,
)
from portal.complaints.models import StatusPengaduan as S
from portal.complaints.signals import temuan_petugas
from portal.core.calendar import local_date
from portal.core.models import DomainError, record_audit, utcnow
from portal.core.workdays import portal_calendar
from portal.extensions import db
from portal.org.models import Layanan, Opd, Pegawai, UnitKerja


def _audit(actor, pengaduan: Pengaduan, action: str, old: S, comment: str | None = None) -> None:
    record_audit(actor, pengaduan, action, from_state=old.value, to_state=pengaduan.status.value,
                 comment=comment)


def _require_koordinator(actor, pengaduan: Pengaduan) -> None:
    if not access.is_koordinator_of(actor, pengaduan):
        raise DomainError(_("Hanya koordinator pengaduan wilayah laporan ini yang dapat "
                            "melakukannya."))


def verify_and_route(actor, pengaduan: Pengaduan, opd: Opd | None, *,
                     perlu_tinjauan_lapangan: bool, pesan: str | None,
                     kategori: KategoriPengaduan | str | None = None) -> None:
    """The koordinator accepts the complaint as valid and sends it to the OPD that must act;
    the OPD's clocks (follow-up plan, resolution) start now. The koordinator may already give
    its category (the OPD may change it when it classifies the complaint)."""
    _require_koordinator(actor, pengaduan)
    kategori = _kategori(kategori)
    if opd is None:
        raise DomainError(_("Pilih OPD tujuan."), "opd_id")
    if not opd.aktif:
        raise DomainError(_("OPD tujuan tidak aktif."), "opd_id")
    if not access.may_route_to(actor, opd):
        raise DomainError(_("OPD tujuan bukan OPD pemda Anda. Bila laporan ini wewenang pemda "
                            "lain, pilih \u201cBukan wewenang pemda\u201d dan sebutkan pemdanya."),
                          "opd_id")
    old = pengaduan.status
    pengaduan.move_to(S.DIVERIFIKASI, actor_id=actor.id, pesan=None)
    pengaduan.opd = opd
    if pengaduan.layanan is not None and pengaduan.layanan.opd_id != opd.id:
        pengaduan.layanan = None
    pengaduan.perlu_tinjauan_lapangan = perlu_tinjauan_lapangan
    if kategori is not None:
        pengaduan.kategori = kategori
    now = utcnow()
    config = current_app.config
    calendar = portal_calendar()
    pengaduan.didisposisikan_at = now
    pengaduan.batas_rencana = calendar.add_working_days(local_date(now),
                                                        config["PORTAL_COMPLAINT_PLAN_DAYS"])
    pengaduan.batas_selesai = calendar.add_working_days(local_date(now), config[
        "PORTAL_COMPLAINT_RESOLVE_FIELD_DAYS" if perlu_tinjauan_lapangan
        else "PORTAL_COMPLAINT_RESOLVE_DAYS"])
    pengaduan.move_to(S.DIDISPOSISIKAN, actor_id=actor.id, pesan=pesan or _(
        "Laporan diteruskan ke %(opd)s.", opd=opd.nama))
    _audit(actor, pengaduan, "diteruskan", old, opd.nama)
    db.session.flush()


def refuse(actor, pengaduan: Pengaduan, status: S, pesan: str) -> None:
    """Ditolak, bukan wewenang, or ditunda for more information: always with a reason."""
    _require_koordinator(actor, pengaduan)
    if status not in REFUSED | {S.DITUNDA}:
        raise DomainError(_("Pilihan tindakan tidak dikenal."), "tindakan")
    old = pengaduan.status
    pengaduan.move_to(status, actor_id=actor.id, pesan=pesan)
    if status in REFUSED:
        pengaduan.ditutup_at = utcnow()
    _audit(actor, pengaduan, status.value, old, pesan)
    mail.send_status(pengaduan, pesan)
    db.session.flush()


def merge_into(actor, duplikat: Pengaduan, utama: Pengaduan | None, alasan: str) -> None:
    """Close ``duplikat`` as a second report of the matter ``utama`` is about (both coordinated
    by the actor; ``utama`` None when the code given matched nothing). Its reporter then follows
    the main complaint's progress on their own tracking page (status and staff answers, never
    the other reporter's words or identity)."""
    _require_koordinator(actor, duplikat)
    # an unknown code and one outside the koordinator's area look the same
    if utama is None or not access.is_koordinator_of(actor, utama):
        raise DomainError(_("Tidak ada laporan dengan kode itu di wilayah Anda. Periksa "
                            "kodenya atau pilih dari daftar laporan serupa."))
    if utama.id == duplikat.id:
        raise DomainError(_("Laporan tidak dapat digabung dengan dirinya sendiri."), "kode_utama")
    if utama.status in INVALID:
        if utama.induk is not None:
            raise DomainError(_("Laporan itu sendiri sudah digabung ke %(kode)s; gabungkan ke "
                                "laporan tersebut.", kode=utama.induk.kode_lacak), "kode_utama")
        raise DomainError(_("Laporan itu sudah ditolak; pilih laporan yang masih ditangani."),
                          "kode_utama")
    old = duplikat.status
    duplikat.move_to(S.DIGABUNG, actor_id=actor.id, pesan=alasan)
    duplikat.induk = utama
    duplikat.ditutup_at = utcnow()
    _audit(actor, duplikat, "digabung", old, utama.kode_lacak)
    mail.send_status(duplikat, alasan)
    db.session.flush()


def _require_handler(actor, pengaduan: Pengaduan) -> None:
    if not access.handles(actor, pengaduan):
        raise DomainError(_("Hanya petugas pengaduan OPD yang menangani laporan ini yang dapat "
                            "melakukannya."))


def plan_follow_up(actor, pengaduan: Pengaduan, rencana: str) -> None:
    _require_handler(actor, pengaduan)
    old = pengaduan.status
    pengaduan.move_to(S.DITINDAKLANJUTI, actor_id=actor.id, pesan=_require(rencana, "rencana"))
    _audit(actor, pengaduan, "ditindaklanjuti", old)
    db.session.flush()


def answer(actor, pengaduan: Pengaduan, jawaban: str) -> None:
    _require_handler(actor, pengaduan)
    old = pengaduan.status
    pengaduan.move_to(S.SELESAI, actor_id=actor.id, pesan=_require(jawaban, "jawaban"))
    pengaduan.dijawab_at = utcnow()
    _audit(actor, pengaduan, "dijawab", old)
    mail.send_status(pengaduan, jawaban)
    db.session.flush()
    for kaitan in pengaduan.kaitan_pegawai:
        if kaitan.temuan == Temuan.TERBUKTI:
            temuan_petugas.send(kaitan, actor=actor)


def _kategori(value: KategoriPengaduan | str | None) -> KategoriPengaduan | None:
    try:
        return KategoriPengaduan(value) if value else None
    except ValueError:
        raise DomainError(_("Pilih kategori dari daftar."), "kategori") from None


def classify(actor, pengaduan: Pengaduan, unit: UnitKerja | None, layanan: Layanan | None,
             kategori: KategoriPengaduan | str | None = None) -> None:
    """The OPD says which of its units and services the complaint is about and what it is about
    (its category, in the SKM unsur's words); any may be left empty. The service shows on the
    public list and counts in its figures; the category feeds "Dari suara publik ke tindakan"."""
    _require_handler(actor, pengaduan)
    if unit is not None and unit.opd_id != pengaduan.opd_id:
        raise DomainError(_("Pilih unit dari OPD yang menangani laporan ini."), "unit_id")
    if layanan is not None and layanan.opd_id != pengaduan.opd_id:
        raise DomainError(_("Pilih layanan dari OPD yang menangani laporan ini."), "layanan_id")
    kategori = _kategori(kategori)
    pengaduan.unit, pengaduan.layanan, pengaduan.kategori = unit, layanan, kategori
    record_audit(actor, pengaduan, "diklasifikasi",
                 comment=" / ".join([x.nama for x in (unit, layanan) if x is not None]
                                    + ([pengaduan.kategori_label] if kategori else [])) or None)
    db.session.flush()


def link_pegawai(actor, pengaduan: Pengaduan, pegawai: Pegawai | None,
                 catatan: str) -> KaitanPegawai:
    """Tie the complaint to a staff member of the OPD handling it, as input for their
    supervisor; internal only. ``pegawai`` is None when none was picked from the search."""
    _require_handler(actor, pengaduan)
    if pegawai is None:
        raise DomainError(_("Cari lalu pilih pegawainya dari hasil pencarian."))
    if pengaduan.opd_id is None or pegawai.opd_id != pengaduan.opd_id:
        raise DomainError(_("Hanya pegawai OPD yang menangani laporan ini yang dapat dikaitkan."),
                          "pegawai_id")
    if any(k.pegawai_id == pegawai.id for k in pengaduan.kaitan_pegawai):
        raise DomainError(_("Laporan ini sudah dikaitkan dengan %(nama)s.", nama=pegawai.nama),
                          "pegawai_id")
    kaitan = KaitanPegawai(pengaduan=pengaduan, pegawai=pegawai, actor_id=actor.id,
                           catatan=_require(catatan, "catatan"))
    db.session.add(kaitan)
    record_audit(actor, pengaduan, "dikaitkan_pegawai", comment=pegawai.nip)
    db.session.flush()
    return kaitan


def record_finding(actor, kaitan: KaitanPegawai, temuan: Temuan | str | None) -> None:
    """The OPD's conclusion about the officer: at fault or not. Once the complaint is answered,
    a finding of fault asks the officer's pejabat penilai for a coaching plan (pembinaan, through
    ``complaints.signals.temuan_petugas``); recorded before the answer, it does so at the answer."""
    pengaduan = kaitan.pengaduan
    _require_handler(actor, pengaduan)
    if pengaduan.status.value not in TEMUAN_BOLEH:
        raise DomainError(_("Temuan dicatat setelah laporan didisposisikan ke OPD."), "temuan")
    if not temuan:
        raise DomainError(_("Pilih temuannya."), "temuan")
    temuan = Temuan(temuan)
    if kaitan.temuan == temuan:
        return
    if kaitan.temuan == Temuan.TERBUKTI and pengaduan.status in (S.SELESAI, S.DITUTUP):
        raise DomainError(_("Temuan \"terbukti\" pada laporan yang sudah dijawab tidak dapat "
                            "diubah: rencana pembinaan pegawai sudah diusulkan."), "temuan")
    kaitan.temuan, kaitan.temuan_at = temuan, utcnow()
    record_audit(actor, pengaduan, "temuan_pegawai", comment=f"{kaitan.pegawai.nip}: {temuan.value}")
    db.session.flush()
    if temuan == Temuan.TERBUKTI and pengaduan.status in (S.SELESAI, S.DITUTUP):
        temuan_petugas.send(kaitan, actor=actor)


def unlink_pegawai(actor, kaitan: KaitanPegawai) -> None:
    _require_handler(actor, kaitan.pengaduan)
    record_audit(actor, kaitan.pengaduan, "kaitan_pegawai_dilepas", comment=kaitan.pegawai.nip)
    db.session.delete(kaitan)
    db.session.flush()


def _require_desk(actor, pengaduan: Pengaduan) -> None:
    """Notes and the public summary are for staff of either desk the complaint is on."""
    if not access.can_see(actor, pengaduan):
        raise DomainError(_("Laporan ini tidak ada di meja Anda."))


def add_note(actor, pengaduan: Pengaduan, isi: str) -> CatatanInternal:
    _require_desk(actor, pengaduan)
    note = CatatanInternal(pengaduan=pengaduan, actor_id=actor.id, isi=_require(isi, "isi"))
    db.session.add(note)
    db.session.flush()
    return note


# --- the reporter ------------------------------------------------------------------------------

def accept(pengaduan: Pengaduan, penilaian: int) -> None:
    if not 1 <= penilaian <= 5:
        raise DomainError(_("Pilih nilai 1 sampai 5."), "penilaian")
    old = pengaduan.status
    pengaduan.move_to(S.DITUTUP, actor_id=None, pesan=None)
    pengaduan.riwayat[-1].dari_pelapor = True
    pengaduan.penilaian = penilaian
    pengaduan.ditutup_at = utcnow()
    _audit(None, pengaduan, "diterima_pelapor", old)
    db.session.flush()


def dispute(pengaduan: Pengaduan, alasan: str) -> None:
    """The reporter is not satisfied: the complaint goes back to the OPD."""
    old = pengaduan.status
    pengaduan.move_to(S.DITINDAKLANJUTI, actor_id=None, pesan=_require(alasan, "alasan"))
    pengaduan.riwayat[-1].dari_pelapor = True
    pengaduan.dibuka_ulang += 1
    pengaduan.dijawab_at = None
    _audit(None, pengaduan, "disanggah", old)
    db.session.flush()


def add_information(pengaduan: Pengaduan, keterangan: str) -> None:
    """The reporter adds information; a complaint held for more information goes back to the
    koordinator's queue."""
    if pengaduan.status in FINAL:
        raise DomainError(_("Laporan ini sudah ditutup; kirim laporan baru bila perlu."),
                          "keterangan")
    text = _require(keterangan, "keterangan")
    if pengaduan.status == S.DITUNDA:
        pengaduan.move_to(S.DITERIMA, actor_id=None, pesan=text)
        pengaduan.riwayat[-1].dari_pelapor = True
    else:
        pengaduan.riwayat.append(RiwayatPengaduan(dari=pengaduan.status, ke=pengaduan.status,
                                                  pesan=text, dari_pelapor=True))
    db.session.flush()


def _require(text: str | None, field: str) -> str:
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Wajib diisi."), field)
    return text


def auto_close(now) -> int:
    """Close every answered complaint the reporter left without reply for the configured number
    of working days (DOMAIN.md: 10). Meant for cron through `flask complaints tick`."""
    days = current_app.config["PORTAL_COMPLAINT_AUTOCLOSE_DAYS"]
    calendar, today = portal_calendar(), local_date(now)
    closed = 0
    answered = db.session.scalars(sa.select(Pengaduan).where(Pengaduan.status == S.SELESAI,
                                                             Pengaduan.dijawab_at.is_not(None)))
    for pengaduan in answered:
        if calendar.working_days_between(local_date(pengaduan.dijawab_at), today) < days:
            continue
        old = pengaduan.status
        pengaduan.move_to(S.DITUTUP, actor_id=None, pesan=_(
            "Ditutup otomatis: tidak ada tanggapan pelapor dalam %(n)s hari kerja setelah "
            "dijawab.", n=days))
        pengaduan.riwayat[-1].at = now
        pengaduan.ditutup_at = now
        _audit(None, pengaduan, "ditutup_otomatis", old)
        closed += 1
    db.session.flush()
    return closed


def set_public_summary(actor, pengaduan: Pengaduan, ringkasan: str | None,
                       disetujui: bool) -> None:
    """Staff write the redacted text the public list may show; nothing is public unless they
    also approve it, and an approval needs a text."""
    _require_desk(actor, pengaduan)
    if pengaduan.identitas == Identitas.RAHASIA:
        raise DomainError(_("Laporan rahasia tidak pernah tampil di daftar publik."),
                          "ringkasan_publik")
    text = (ringkasan or "").strip() or None
    if disetujui and text is None:
        raise DomainError(_("Tulis ringkasannya dulu sebelum menampilkannya."),
                          "ringkasan_publik")
    pengaduan.ringkasan_publik = text
    pengaduan.ringkasan_publik_disetujui = disetujui
    record_audit(actor, pengaduan, "ringkasan_publik",
                 comment="disetujui" if disetujui else "tidak ditampilkan")
    db.session.flush()


def add_answer_template(actor, opd_id: int, judul: str, isi: str):
    """A reusable answer of an OPD, written by that OPD's petugas or its pemda's koordinator."""
    opd = db.session.get(Opd, opd_id)
    if opd is None or not access.manages_opd(actor, opd):
        raise DomainError(_("Hanya petugas pengaduan OPD ini atau koordinator pengaduan "
                            "pemdanya yang dapat mengelola templat jawabannya."))
    template = TemplatJawaban(opd_id=opd_id, judul=_require(judul, "judul"),
                              isi=_require(isi, "isi"))
    db.session.add(template)
    record_audit(actor, template, "dibuat")
    return template

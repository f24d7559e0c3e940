"""The changes of "Dari suara publik ke tindakan": keep the pemda's mapping from an unsur or a
complaint category to catalogue activities, and turn a service's finding into a planned
activity for its staff — a new catalogue activity (through ``kompetensi.services``) whose need
came from the survey or the complaints, tied to the service and the unsur or category, with the
service's staff proposed as participants. Each function checks, changes, audits, flushes."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from portal.auth.models import User
from portal.core.models import DomainError, record_audit
from portal.core.roles import Role
from portal.extensions import db
from portal.org.models import Layanan, Pemda
from portal.pembinaan import access
from portal.pembinaan.kompetensi import services as kompetensi
from portal.pembinaan.kompetensi.models import AsalKebutuhan, Kegiatan, SumberSuara
from portal.pembinaan.suara import queries
from portal.pembinaan.suara.models import PemetaanSuara, cek_kode, suara_label


def _refuse_unless(allowed: bool, message: str) -> None:
    if not allowed:
        raise DomainError(message)


def simpan_pemetaan(actor: User, pemetaan: PemetaanSuara | None, pemda: Pemda, sumber: str,
                    kode: str | None, kegiatan: Kegiatan | None,
                    catatan: str | None) -> PemetaanSuara:
    """Add a mapping row, or change one. Whoever keeps the activity in the catalogue keeps its
    rows: the admin pemda every row of the pemda, an admin OPD the rows of their OPD's
    activities."""
    if pemetaan is not None:
        _refuse_unless(access.manages_kegiatan(actor, pemetaan.kegiatan.opd_id, pemda.id),
                       _("Anda tidak mengelola pemetaan ini."))
    sumber_ok, kode_ok = cek_kode(sumber, kode)
    if kegiatan is None or kegiatan.pemda_id != pemda.id:
        raise DomainError(_("Pilih kegiatan dari katalog pemda ini."), "kegiatan_id")
    _refuse_unless(access.manages_kegiatan(actor, kegiatan.opd_id, pemda.id),
                   _("Anda tidak mengelola kegiatan katalog ini."))
    duplicate = db.session.scalar(sa.select(PemetaanSuara.id).where(
        PemetaanSuara.pemda_id == pemda.id, PemetaanSuara.sumber == sumber_ok,
        PemetaanSuara.kode == kode_ok, PemetaanSuara.kegiatan_id == kegiatan.id,
        PemetaanSuara.id != (pemetaan.id if pemetaan else 0)))
    if duplicate is not None:
        raise DomainError(_("Kegiatan ini sudah dipetakan ke %(suara)s.",
                            suara=suara_label(sumber_ok, kode_ok)), "kegiatan_id")
    values = {"sumber": sumber_ok, "kode": kode_ok, "kegiatan": kegiatan,
              "catatan": (catatan or "").strip() or None}
    if pemetaan is None:
        pemetaan = PemetaanSuara(pemda=pemda, dibuat_oleh_id=actor.id, **values)
        db.session.add(pemetaan)
        db.session.flush()
        record_audit(actor, pemetaan, "dibuat", comment=pemetaan.suara_label)
    else:
        for name, value in values.items():
            setattr(pemetaan, name, value)
        record_audit(actor, pemetaan, "diubah", comment=pemetaan.suara_label)
    db.session.flush()
    return pemetaan


def hapus_pemetaan(actor: User, pemetaan: PemetaanSuara) -> None:
    _refuse_unless(access.manages_kegiatan(actor, pemetaan.kegiatan.opd_id, pemetaan.pemda_id),
                   _("Anda tidak mengelola pemetaan ini."))
    record_audit(actor, pemetaan, "dihapus", comment=pemetaan.suara_label)
    db.session.delete(pemetaan)
    db.session.flush()


def rencanakan(actor: User, layanan: Layanan, sumber: str, kode: str | None,
               contoh: Kegiatan | None, judul: str, mulai: date, selesai: date,
               today: date) -> Kegiatan:
    """The admin OPD plans an activity for the staff of ``layanan`` after ``contoh``, one of the
    catalogue activities mapped to the unsur or category: a new activity of the OPD (form,
    provider, JP, competency and budget as in ``contoh``; the dates given), its need from the
    survey or the complaints in words, tied to the service; each of the service's staff is
    proposed as a participant, for their atasan to approve as usual."""
    _refuse_unless(layanan.opd_id in actor.opd_ids_for(Role.ADMIN_OPD),
                   _("Hanya admin OPD layanan ini yang dapat merencanakan kegiatan untuknya."))
    sumber_ok, kode_ok = cek_kode(sumber, kode)
    mapped = queries.pemetaan_untuk_opd(layanan.opd.pemda_id, layanan.opd_id).get(
        (sumber_ok.value, kode_ok), [])
    if contoh is None or contoh.id not in {row.kegiatan_id for row in mapped}:
        raise DomainError(_("Pilih salah satu kegiatan yang dipetakan ke %(suara)s.",
                            suara=suara_label(sumber_ok, kode_ok)), "contoh_id")
    if mulai < today:
        raise DomainError(_("Tanggal mulai tidak boleh sebelum hari ini."), "tanggal_mulai")
    staf = queries.staf_layanan(layanan)
    if not staf:
        raise DomainError(_("Layanan ini belum punya pegawai di unit pelaksananya: kaitkan "
                            "layanan dengan unit kerjanya di data layanan OPD lebih dulu."))
    asal = AsalKebutuhan.SURVEI if sumber_ok == SumberSuara.UNSUR else AsalKebutuhan.PENGADUAN
    kebutuhan = _("%(suara)s pada layanan %(layanan)s (dari suara publik).",
                  suara=suara_label(sumber_ok, kode_ok), layanan=layanan.nama)
    kegiatan = kompetensi.simpan_kegiatan(actor, None, kompetensi.KegiatanData(
        judul=(judul or "").strip() or contoh.judul, bentuk=contoh.bentuk,
        penyelenggara=contoh.penyelenggara, jp=contoh.jp, tanggal_mulai=mulai,
        tanggal_selesai=selesai, kompetensi=contoh.kompetensi,
        sumber_anggaran=contoh.sumber_anggaran, asal_kebutuhan=asal,
        keterangan_kebutuhan=kebutuhan, deskripsi=contoh.deskripsi), opd=layanan.opd)
    kegiatan.layanan, kegiatan.suara_sumber, kegiatan.suara_kode = layanan, sumber_ok, kode_ok
    for pegawai in staf:
        kompetensi.usulkan_oleh_admin(actor, pegawai, kegiatan, kebutuhan, today)
    record_audit(actor, kegiatan, "direncanakan_dari_suara", comment=kebutuhan)
    db.session.flush()
    return kegiatan

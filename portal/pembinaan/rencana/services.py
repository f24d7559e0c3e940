"""The changes of a coaching plan. The portal proposes one after a low predikat
(``appraisals.signals.evaluasi_disetujui``) and after a complaint found to be the officer's fault
(``complaints.signals.temuan_petugas``); the pegawai may ask for one; the pejabat penilai opens,
writes and closes it; both agree it. Each function checks who acts and the rule, changes the
record (the legal moves are on the model), writes the audit entry and flushes; the view
commits. Whoever waits on the other is told through the notifications."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from flask import current_app, has_request_context, url_for
from flask_babel import gettext as _

from portal.appraisals.evaluasi.models import RATING_LABEL, Evaluasi
from portal.appraisals.pengingat.models import PengingatBatas
from portal.appraisals.skp.models import NilaiBerakhlak, Rhk
from portal.auth.models import User
from portal.auth.queries import active_account
from portal.core.calendar import local_date
from portal.core.models import DomainError, record_audit, utcnow
from portal.extensions import db
from portal.notifications.services import notify
from portal.org.models import Pegawai
from portal.pembinaan import access
from portal.pembinaan.kompetensi import services as kompetensi
from portal.pembinaan.kompetensi.models import PESERTA_AKTIF, Kegiatan, PesertaKegiatan
from portal.pembinaan.rencana.models import (
    PREDIKAT_PEMBINAAN,
    RENCANA_AKTIF,
    AksiRencana,
    DialogKinerja,
    JenisAksi,
    PemilikAksi,
    RencanaPembinaan,
    StatusRencana,
    SumberRencana,
)
from portal.pembinaan.settings import setting


def _refuse_unless(allowed: bool, message: str) -> None:
    if not allowed:
        raise DomainError(message)


def _require_penilai(actor: User, rencana: RencanaPembinaan) -> None:
    _refuse_unless(access.is_penilai_rencana(actor, rencana),
                   _("Hanya pejabat penilai (atasan langsung) pegawai ini yang dapat "
                     "melakukannya."))


def _audit(actor: User | None, rencana: RencanaPembinaan, action: str,
           asal: StatusRencana | None = None, comment: str | None = None) -> None:
    record_audit(actor, rencana, action, from_state=asal.value if asal else None,
                 to_state=rencana.status.value, comment=comment)


def _path(rencana: RencanaPembinaan) -> str:
    if has_request_context():
        return url_for("pembinaan.rencana_detail", rencana_id=rencana.id)
    with current_app.test_request_context():
        return url_for("pembinaan.rencana_detail", rencana_id=rencana.id)


def _tell(pegawai_id: int | None, kind: str, rencana: RencanaPembinaan) -> None:
    user = active_account(pegawai_id)
    if user is not None:
        notify(user, kind, _path(rencana), nama=rencana.pegawai.nama)


def _hari_rencana() -> int:
    return int(setting("PORTAL_PEMBINAAN_HARI_RENCANA"))


def _rencana_aktif(pegawai: Pegawai) -> RencanaPembinaan | None:
    return db.session.scalar(sa.select(RencanaPembinaan).where(
        RencanaPembinaan.pegawai_id == pegawai.id,
        RencanaPembinaan.status.in_(RENCANA_AKTIF)).order_by(RencanaPembinaan.id))


def _baru(pegawai: Pegawai, sumber: SumberRencana, status: StatusRencana,
          **fields) -> RencanaPembinaan:
    rencana = RencanaPembinaan(pegawai=pegawai, opd_id=pegawai.opd_id,
                               penilai_id=pegawai.atasan_id, sumber=sumber, status=status,
                               **fields)
    db.session.add(rencana)
    db.session.flush()
    return rencana


# --- proposed by the portal ------------------------------------------------------------------

def _kesenjangan_evaluasi(evaluasi: Evaluasi) -> str:
    lines = [_("Predikat %(predikat)s pada %(periode)s: hasil kerja %(hasil)s, perilaku kerja "
               "%(perilaku)s.", predikat=evaluasi.predikat_label, periode=evaluasi.periode.label,
               hasil=RATING_LABEL[evaluasi.rating_hasil] if evaluasi.rating_hasil else "—",
               perilaku=(RATING_LABEL[evaluasi.rating_perilaku]
                         if evaluasi.rating_perilaku else "—"))]
    rhk = {r.id: r.uraian for r in evaluasi.skp.rhk}
    for ub in evaluasi.umpan_balik_rhk:
        if ub.isi.strip():
            lines.append(f"{rhk.get(ub.rhk_id, '')}: {ub.isi.strip()}")
    for ub in evaluasi.umpan_balik_perilaku:
        if ub.isi.strip():
            lines.append(f"{ub.label}: {ub.isi.strip()}")
    return "\n".join(lines)


def usulkan_dari_evaluasi(evaluasi: Evaluasi, actor: User | None = None
                          ) -> RencanaPembinaan | None:
    """After an approval with Butuh Perbaikan, Kurang or Sangat Kurang: a proposed plan for the
    penilai to open, due within the setting's days, its gap drafted from the ratings and the
    feedback. One per evaluation."""
    if evaluasi.predikat not in PREDIKAT_PEMBINAAN:
        return None
    if db.session.scalar(sa.select(RencanaPembinaan.id).where(
            RencanaPembinaan.evaluasi_id == evaluasi.id)) is not None:
        return None
    pegawai = evaluasi.pegawai
    hari = local_date(evaluasi.disetujui_at or utcnow())
    rencana = _baru(pegawai, SumberRencana.PREDIKAT, StatusRencana.DIUSULKAN,
                    evaluasi_id=evaluasi.id, kesenjangan=_kesenjangan_evaluasi(evaluasi),
                    batas_susun=hari + timedelta(days=_hari_rencana()))
    if evaluasi.penilai_id is not None:
        rencana.penilai_id = evaluasi.penilai_id
    _audit(actor, rencana, "diusulkan", None, evaluasi.predikat_label)
    _tell(rencana.penilai_id, "rencana_diusulkan", rencana)
    _tell(pegawai.id, "rencana_diusulkan_pegawai", rencana)
    db.session.flush()
    return rencana


def usulkan_dari_pengaduan(kaitan, actor: User | None = None) -> RencanaPembinaan | None:
    """After a complaint answered with the finding that the officer's service was at fault.
    One per complaint and pegawai; never the reporter's identity, only the complaint's
    title and what the petugas wrote."""
    pengaduan, pegawai = kaitan.pengaduan, kaitan.pegawai
    if db.session.scalar(sa.select(RencanaPembinaan.id).where(
            RencanaPembinaan.pengaduan_id == pengaduan.id,
            RencanaPembinaan.pegawai_id == pegawai.id)) is not None:
        return None
    kesenjangan = _("Pengaduan %(kode)s \"%(judul)s\": pelayanan petugas terbukti bermasalah. "
                    "Catatan petugas pengaduan: %(catatan)s", kode=pengaduan.kode_lacak,
                    judul=pengaduan.judul, catatan=kaitan.catatan)
    rencana = _baru(pegawai, SumberRencana.PENGADUAN, StatusRencana.DIUSULKAN,
                    pengaduan_id=pengaduan.id, kesenjangan=kesenjangan,
                    batas_susun=local_date(utcnow()) + timedelta(days=_hari_rencana()))
    _audit(actor, rencana, "diusulkan", None, pengaduan.kode_lacak)
    _tell(rencana.penilai_id, "rencana_diusulkan", rencana)
    _tell(pegawai.id, "rencana_diusulkan_pegawai", rencana)
    db.session.flush()
    return rencana


# --- asked for, or opened -------------------------------------------------------------------

def minta(actor: User, pegawai: Pegawai, alasan: str | None) -> RencanaPembinaan:
    """The pegawai asks their penilai for a development plan."""
    _refuse_unless(access.is_self(actor, pegawai),
                   _("Hanya pegawai yang bersangkutan yang dapat meminta rencana pembinaan."))
    alasan = (alasan or "").strip()
    if not alasan:
        raise DomainError(_("Tuliskan apa yang ingin Anda kembangkan."), "alasan")
    if pegawai.atasan_id is None:
        raise DomainError(_("Anda belum memiliki atasan langsung di portal; minta admin OPD "
                            "melengkapinya."), "alasan")
    if _rencana_aktif(pegawai) is not None:
        raise DomainError(_("Anda sudah memiliki rencana pembinaan yang belum selesai."),
                          "alasan")
    rencana = _baru(pegawai, SumberRencana.PERMINTAAN, StatusRencana.DIUSULKAN,
                    alasan_permintaan=alasan, kesenjangan=alasan,
                    batas_susun=local_date(utcnow()) + timedelta(days=_hari_rencana()))
    _audit(actor, rencana, "diminta", None, alasan)
    _tell(rencana.penilai_id, "rencana_diusulkan", rencana)
    db.session.flush()
    return rencana


def buka_baru(actor: User, pegawai: Pegawai) -> RencanaPembinaan:
    """The penilai opens a plan for a direct subordinate, at any time."""
    _refuse_unless(access.is_atasan(actor, pegawai),
                   _("Hanya atasan langsung pegawai ini yang dapat membuka rencana pembinaan."))
    if (aktif := _rencana_aktif(pegawai)) is not None:
        raise DomainError(_("%(nama)s sudah memiliki rencana pembinaan yang belum selesai "
                            "(%(status)s).", nama=pegawai.nama, status=aktif.status_label))
    rencana = _baru(pegawai, SumberRencana.PENILAI, StatusRencana.DISUSUN, dibuka_at=utcnow())
    rencana.penilai_id = actor.pegawai_id
    _audit(actor, rencana, "dibuka", None)
    db.session.flush()
    return rencana


def buka(actor: User, rencana: RencanaPembinaan) -> None:
    _require_penilai(actor, rencana)
    asal = rencana.buka()
    rencana.penilai_id = actor.pegawai_id
    _audit(actor, rencana, "dibuka", asal)
    db.session.flush()


# --- writing it ---------------------------------------------------------------------------------

@dataclass
class IsiData:
    #: "rhk-<id>", "nilai-<value>" or "" (the complaint, or only the text)
    fokus: str | None
    kesenjangan: str | None
    tujuan: str | None
    ukuran_keberhasilan: str | None
    selesai_rencana: date | None


def fokus_pilihan(rencana: RencanaPembinaan) -> list[tuple[str, str]]:
    """The gaps one may name: the RHK of the pegawai's SKP behind the plan (the evaluation's,
    else the latest), and the BerAKHLAK values."""
    from portal.appraisals.skp.models import BERAKHLAK_LABEL

    rhk: list[Rhk] = []
    if rencana.evaluasi is not None:
        rhk = list(rencana.evaluasi.skp.rhk)
    choices = [("", _("— Tidak satu RHK atau nilai tertentu —"))]
    choices += [(f"rhk-{r.id}", _("RHK: %(uraian)s", uraian=r.uraian)) for r in rhk]
    choices += [(f"nilai-{n.value}", _("Perilaku: %(nilai)s", nilai=label))
                for n, label in BERAKHLAK_LABEL.items()]
    return choices


def ubah(actor: User, rencana: RencanaPembinaan, data: IsiData, today: date) -> None:
    _require_penilai(actor, rencana)
    rencana.cek_dapat_diubah()
    fokus = (data.fokus or "").strip()
    if fokus and fokus not in {value for value, _label in fokus_pilihan(rencana)}:
        raise DomainError(_("Pilih kesenjangan dari daftar."), "fokus")
    rencana.rhk_id = int(fokus[4:]) if fokus.startswith("rhk-") else None
    rencana.nilai_berakhlak = NilaiBerakhlak(fokus[6:]) if fokus.startswith("nilai-") else None
    if data.selesai_rencana is not None and data.selesai_rencana <= today:
        raise DomainError(_("Akhir masa perbaikan harus setelah hari ini."), "selesai_rencana")
    rencana.kesenjangan = (data.kesenjangan or "").strip()
    rencana.tujuan = (data.tujuan or "").strip()
    rencana.ukuran_keberhasilan = (data.ukuran_keberhasilan or "").strip()
    rencana.selesai_rencana = data.selesai_rencana
    rencana.batalkan_kesepakatan()
    _audit(actor, rencana, "diubah")
    db.session.flush()


@dataclass
class AksiData:
    jenis: JenisAksi | str
    uraian: str | None
    pemilik: PemilikAksi | str
    batas: date | None
    kegiatan_id: int | None = None


def tambah_aksi(actor: User, rencana: RencanaPembinaan, data: AksiData,
                today: date) -> AksiRencana:
    _require_penilai(actor, rencana)
    rencana.cek_dapat_diubah()
    jenis = JenisAksi(data.jenis)
    uraian = (data.uraian or "").strip()
    kegiatan = None
    if jenis == JenisAksi.PELATIHAN:
        kegiatan = db.session.get(Kegiatan, data.kegiatan_id or 0)
        if kegiatan is None or not kegiatan.terbuka_untuk(rencana.pegawai):
            raise DomainError(_("Pilih pelatihan dari katalog yang terbuka untuk pegawai ini."),
                              "kegiatan_id")
        kegiatan.cek_usulan(today)
        uraian = uraian or kegiatan.judul
    if not uraian:
        raise DomainError(_("Tuliskan tindakannya."), "uraian")
    if data.batas is None:
        raise DomainError(_("Isi batas waktunya."), "batas")
    if data.batas < today:
        raise DomainError(_("Batas waktu tidak boleh sebelum hari ini."), "batas")
    aksi = AksiRencana(rencana=rencana, jenis=jenis, uraian=uraian,
                       pemilik=PemilikAksi(data.pemilik), batas=data.batas, kegiatan=kegiatan)
    db.session.add(aksi)
    rencana.batalkan_kesepakatan()
    _audit(actor, rencana, "aksi_ditambah", comment=uraian)
    db.session.flush()
    return aksi


def hapus_aksi(actor: User, aksi: AksiRencana) -> None:
    rencana = aksi.rencana
    _require_penilai(actor, rencana)
    rencana.cek_dapat_diubah()
    rencana.aksi.remove(aksi)
    rencana.batalkan_kesepakatan()
    _audit(actor, rencana, "aksi_dihapus", comment=aksi.uraian)
    db.session.flush()


# --- agreeing, running, closing ---------------------------------------------------------------

def _daftarkan_pelatihan(actor: User, rencana: RencanaPembinaan, today: date) -> None:
    """Each training action joins the pegawai to its catalogue activity, approved: the penilai
    agreed it in the plan (both steps are in the audit)."""
    penilai = actor if access.is_penilai_rencana(actor, rencana) else active_account(
        rencana.pegawai.atasan_id)
    for aksi in rencana.aksi:
        if aksi.jenis != JenisAksi.PELATIHAN or aksi.kegiatan is None or aksi.peserta:
            continue
        existing = db.session.scalar(sa.select(PesertaKegiatan).where(
            PesertaKegiatan.kegiatan_id == aksi.kegiatan_id,
            PesertaKegiatan.pegawai_id == rencana.pegawai_id,
            PesertaKegiatan.status.in_(PESERTA_AKTIF)))
        aksi.peserta = existing or kompetensi.usulkan(
            penilai or actor, rencana.pegawai, aksi.kegiatan,
            _("Rencana pembinaan: %(uraian)s", uraian=aksi.uraian), today)


def sepakati(actor: User, rencana: RencanaPembinaan, today: date) -> bool:
    """The pegawai or the penilai agrees; with both, the plan runs. True when it now runs."""
    if access.is_self(actor, rencana.pegawai):
        pihak, lain = PemilikAksi.PEGAWAI, rencana.pegawai.atasan_id
    elif access.is_penilai_rencana(actor, rencana):
        pihak, lain = PemilikAksi.PENILAI, rencana.pegawai_id
        rencana.penilai_id = actor.pegawai_id
    else:
        raise DomainError(_("Rencana ini disepakati oleh pegawai dan pejabat penilainya."))
    asal = rencana.status
    berjalan = rencana.sepakati(pihak, today, int(setting("PORTAL_PEMBINAAN_BULAN_PERBAIKAN")))
    if berjalan:
        _daftarkan_pelatihan(actor, rencana, today)
        _audit(actor, rencana, "disepakati", asal)
        _tell(lain, "rencana_berjalan", rencana)
    else:
        _audit(actor, rencana, "disetujui_satu_pihak", None,
               comment=str(pihak.value))
        _tell(lain, "rencana_menunggu_kesepakatan", rencana)
    db.session.flush()
    return berjalan


def tandai_aksi_selesai(actor: User, aksi: AksiRencana, catatan: str | None) -> None:
    rencana = aksi.rencana
    owner = (access.is_self(actor, rencana.pegawai) if aksi.pemilik == PemilikAksi.PEGAWAI
             else False)
    _refuse_unless(owner or access.is_penilai_rencana(actor, rencana),
                   _("Tindakan ditandai selesai oleh pemiliknya atau pejabat penilai."))
    aksi.tandai_selesai(catatan)
    _audit(actor, rencana, "aksi_selesai", comment=aksi.uraian)
    db.session.flush()


def catat_dialog(actor: User, rencana: RencanaPembinaan, tanggal: date | None,
                 catatan: str | None, today: date) -> DialogKinerja:
    _refuse_unless(access.is_self(actor, rencana.pegawai)
                   or access.is_penilai_rencana(actor, rencana),
                   _("Dialog kinerja dicatat oleh pegawai atau pejabat penilainya."))
    if rencana.status != StatusRencana.BERJALAN:
        raise DomainError(_("Dialog kinerja dicatat selama rencana berjalan."))
    catatan = (catatan or "").strip()
    if not catatan:
        raise DomainError(_("Tuliskan hasil dialognya."), "catatan")
    if tanggal is None:
        raise DomainError(_("Isi tanggal dialognya."), "tanggal")
    if tanggal > today:
        raise DomainError(_("Tanggal dialog tidak boleh setelah hari ini."), "tanggal")
    if rencana.mulai and tanggal < rencana.mulai:
        raise DomainError(_("Tanggal dialog tidak boleh sebelum rencana disepakati."), "tanggal")
    dialog = DialogKinerja(rencana=rencana, tanggal=tanggal, catatan=catatan, oleh_id=actor.id)
    db.session.add(dialog)
    _audit(actor, rencana, "dialog_kinerja", comment=catatan)
    db.session.flush()
    return dialog


def tutup(actor: User, rencana: RencanaPembinaan, hasil: StatusRencana | str | None,
          catatan: str | None) -> None:
    _require_penilai(actor, rencana)
    if not hasil:
        raise DomainError(_("Pilih hasil rencana pembinaan."), "hasil")
    asal = rencana.tutup(StatusRencana(hasil), catatan)
    _audit(actor, rencana, "ditutup", asal, rencana.catatan_hasil)
    _tell(rencana.pegawai_id, "rencana_ditutup", rencana)
    db.session.flush()


def batalkan(actor: User, rencana: RencanaPembinaan, alasan: str | None) -> None:
    _require_penilai(actor, rencana)
    asal = rencana.batalkan(alasan)
    _audit(actor, rencana, "dibatalkan", asal, rencana.catatan_hasil)
    _tell(rencana.pegawai_id, "rencana_ditutup", rencana)
    db.session.flush()


# --- the daily reminder -------------------------------------------------------------------------

def ingatkan_aksi_terlambat(today: date) -> int:
    """Overdue actions of running plans: their owner (the pegawai, or the penilai) is told once
    per action; recorded in ``PengingatBatas`` like the appraisal reminders."""
    rows = db.session.execute(
        sa.select(AksiRencana, RencanaPembinaan)
        .join(RencanaPembinaan, AksiRencana.rencana_id == RencanaPembinaan.id)
        .where(RencanaPembinaan.status == StatusRencana.BERJALAN,
               AksiRencana.selesai_at.is_(None), AksiRencana.batas < today)
        .order_by(AksiRencana.id)).all()
    sent = 0
    for aksi, rencana in rows:
        if aksi.selesai:
            continue
        pemilik = (rencana.pegawai_id if aksi.pemilik == PemilikAksi.PEGAWAI
                   else rencana.pegawai.atasan_id)
        if pemilik is None:
            continue
        kunci = f"rencana-aksi:{aksi.id}"
        if db.session.scalar(sa.select(PengingatBatas.id).where(
                PengingatBatas.pegawai_id == pemilik, PengingatBatas.kunci == kunci)):
            continue
        db.session.add(PengingatBatas(pegawai_id=pemilik, kunci=kunci, batas=aksi.batas,
                                      sent_at=utcnow()))
        _tell(pemilik, "rencana_aksi_terlambat", rencana)
        sent += 1
    db.session.flush()
    return sent

"""What the pegawai and the pejabat penilai do with an SKP: start it (or a revision of the set
one), add and change RHK and indicators linked to the supervisor's RHK, the BerAKHLAK
expectations, submit, approve (set) or return it. Each function checks the rule, changes the
objects (status through ``move_to``), writes the audit entry and flushes; the view commits."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import gettext as _

from portal.appraisals import notices
from portal.appraisals.access import is_penilai, is_self
from portal.appraisals.periode.models import TahunKinerja
from portal.appraisals.revisi import check_revisi
from portal.appraisals.skp.models import (
    BERAKHLAK_ORDER,
    AspekIndikator,
    EkspektasiPerilaku,
    IndikatorKinerja,
    JenisRhk,
    NilaiBerakhlak,
    Rhk,
    Skp,
    StatusSkp,
)
from portal.appraisals.skp.perubahan import skp_snapshot
from portal.core.models import DomainError, OutsideScope, record_audit, utcnow
from portal.core.text import squash_spaces
from portal.extensions import db
from portal.org.models import Pegawai

# --- SKP: the plan -------------------------------------------------------------------------------

def current_skp(pegawai_id: int, tahun_kinerja_id: int) -> Skp | None:
    """The newest version of the pegawai's SKP of that year."""
    return db.session.scalar(
        sa.select(Skp).where(Skp.pegawai_id == pegawai_id,
                             Skp.tahun_kinerja_id == tahun_kinerja_id)
        .order_by(Skp.versi.desc()).limit(1))


def set_skp(pegawai_id: int, tahun_kinerja_id: int) -> Skp | None:
    """The version in force: the set one (a newer draft revision is not in force yet)."""
    return db.session.scalar(
        sa.select(Skp).where(Skp.pegawai_id == pegawai_id,
                             Skp.tahun_kinerja_id == tahun_kinerja_id,
                             Skp.status == StatusSkp.DISETUJUI)
        .order_by(Skp.versi.desc()).limit(1))


def start_skp(actor, pegawai: Pegawai, year: TahunKinerja) -> Skp:
    """The pegawai starts the SKP of a year: a draft with the seven BerAKHLAK values."""
    require_owner(actor, pegawai)
    if year.pemda_id != pegawai.opd.pemda_id:
        raise OutsideScope(_("Tahun kinerja ini bukan milik pemda Anda."))
    if current_skp(pegawai.id, year.id) is not None:
        raise DomainError(_("SKP tahun %(tahun)s sudah ada.", tahun=year.tahun))
    skp = Skp(pegawai=pegawai, tahun_kinerja=year, versi=1, status=StatusSkp.DRAF)
    for nilai in NilaiBerakhlak:
        skp.ekspektasi.append(EkspektasiPerilaku(nilai=nilai, urutan=BERAKHLAK_ORDER[nilai]))
    db.session.add(skp)
    record_audit(actor, skp, "dibuat", to_state=skp.status.value)
    db.session.flush()
    return skp


def rhk_atasan_choices(skp: Skp) -> list[Rhk]:
    """The RHK the pegawai may intervene: the rows of the atasan's set SKP of the same year."""
    atasan_id = skp.pegawai.atasan_id
    if atasan_id is None:
        return []
    atasan_skp = set_skp(atasan_id, skp.tahun_kinerja_id)
    return list(atasan_skp.rhk) if atasan_skp is not None else []


@dataclass
class IndikatorInput:
    uraian: str
    aspek: AspekIndikator | str
    target_angka: Decimal | None = None
    target_satuan: str | None = None
    target_teks: str | None = None


def add_rhk(actor, skp: Skp, *, jenis: JenisRhk | str, uraian: str, rhk_atasan_id: int | None,
            indikator: Iterable[IndikatorInput] = ()) -> Rhk:
    require_owner(actor, skp.pegawai)
    skp.require_editable()
    rhk = Rhk(jenis=_jenis_rhk(jenis), uraian=_required(uraian, "uraian"),
              urutan=max((r.urutan for r in skp.rhk), default=0) + 1,
              rhk_atasan_id=_checked_rhk_atasan(skp, rhk_atasan_id))
    for item in indikator:
        rhk.indikator.append(_new_indikator(item, len(rhk.indikator) + 1))
    skp.rhk.append(rhk)
    db.session.flush()
    return rhk


def update_rhk(actor, rhk: Rhk, *, revisi: int | None, jenis: JenisRhk | str, uraian: str,
               rhk_atasan_id: int | None) -> None:
    require_owner(actor, rhk.skp.pegawai)
    rhk.skp.require_editable()
    check_revisi(rhk, revisi)
    rhk.jenis = _jenis_rhk(jenis)
    rhk.uraian = _required(uraian, "uraian")
    rhk.rhk_atasan_id = _checked_rhk_atasan(rhk.skp, rhk_atasan_id)
    rhk.revisi += 1
    db.session.flush()


def remove_rhk(actor, rhk: Rhk, *, revisi: int | None) -> None:
    skp = rhk.skp
    require_owner(actor, skp.pegawai)
    skp.require_editable()
    check_revisi(rhk, revisi)
    skp.rhk.remove(rhk)
    db.session.flush()


def add_indikator(actor, rhk: Rhk, item: IndikatorInput, *, revisi: int | None) -> IndikatorKinerja:
    require_owner(actor, rhk.skp.pegawai)
    rhk.skp.require_editable()
    check_revisi(rhk, revisi)
    indikator = _new_indikator(item, max((i.urutan for i in rhk.indikator), default=0) + 1)
    rhk.indikator.append(indikator)
    rhk.revisi += 1
    db.session.flush()
    return indikator


def update_indikator(actor, indikator: IndikatorKinerja, item: IndikatorInput, *,
                     revisi: int | None) -> None:
    rhk = indikator.rhk
    require_owner(actor, rhk.skp.pegawai)
    rhk.skp.require_editable()
    check_revisi(rhk, revisi)
    _fill_indikator(indikator, item)
    rhk.revisi += 1
    db.session.flush()


def remove_indikator(actor, indikator: IndikatorKinerja, *, revisi: int | None) -> None:
    rhk = indikator.rhk
    require_owner(actor, rhk.skp.pegawai)
    rhk.skp.require_editable()
    check_revisi(rhk, revisi)
    rhk.indikator.remove(indikator)
    rhk.revisi += 1
    db.session.flush()


def update_expectations(actor, skp: Skp, *, revisi: int | None, ekspektasi: Mapping[str, str],
                        dukungan_sumber_daya: str, skema_pertanggungjawaban: str,
                        konsekuensi: str) -> None:
    """The BerAKHLAK expectations and the lampiran, saved together."""
    require_owner(actor, skp.pegawai)
    skp.require_editable()
    check_revisi(skp, revisi)
    for row in skp.ekspektasi:
        row.ekspektasi_khusus = (ekspektasi.get(row.nilai.value) or "").strip()
    skp.dukungan_sumber_daya = (dukungan_sumber_daya or "").strip()
    skp.skema_pertanggungjawaban = (skema_pertanggungjawaban or "").strip()
    skp.konsekuensi = (konsekuensi or "").strip()
    skp.revisi += 1
    db.session.flush()


def submit_skp(actor, skp: Skp, *, revisi: int | None) -> None:
    require_owner(actor, skp.pegawai)
    check_revisi(skp, revisi)
    problems = skp_problems(skp)
    if problems:
        raise DomainError(problems[0])
    old = skp.move_to(StatusSkp.DIAJUKAN)
    skp.alasan_dikembalikan = None
    skp.diajukan_at = utcnow()
    record_audit(actor, skp, "diajukan", from_state=old.value, to_state=skp.status.value)
    db.session.flush()
    notices.skp_submitted(skp)


def skp_problems(skp: Skp) -> list[str]:
    """What still keeps the SKP from being submitted, in the pegawai's words."""
    problems = []
    if skp.pegawai.atasan_id is None:
        problems.append(_("Anda belum memiliki pejabat penilai (atasan langsung) di data "
                          "kepegawaian; hubungi admin OPD."))
    if not skp.rhk_utama:
        problems.append(_("Tambahkan sedikitnya satu RHK utama."))
    if any(not rhk.indikator for rhk in skp.rhk):
        problems.append(_("Setiap RHK memerlukan sedikitnya satu indikator."))
    if skp.pegawai.atasan_id is not None:
        allowed = {r.id for r in rhk_atasan_choices(skp)}
        if any(rhk.rhk_atasan_id not in allowed for rhk in skp.rhk):
            problems.append(_("Setiap RHK harus terkait dengan RHK atasan dari SKP atasan yang "
                              "sudah ditetapkan."))
    return problems


def approve_skp(actor, skp: Skp, *, revisi: int | None) -> None:
    """The pejabat penilai sets (menetapkan) the SKP; it is locked from now on. A set revision
    replaces the version it revises."""
    require_penilai(actor, skp.pegawai)
    check_revisi(skp, revisi)
    old = skp.move_to(StatusSkp.DISETUJUI)
    for rhk in skp.rhk:
        rhk.catatan_perbaikan = None
    skp.ditetapkan_at = utcnow()
    skp.penilai_id = actor.pegawai_id
    record_audit(actor, skp, "ditetapkan", from_state=old.value, to_state=skp.status.value)
    previous = skp.sebelumnya
    if previous is not None and previous.status == StatusSkp.DISETUJUI:
        prev_old = previous.move_to(StatusSkp.DIGANTI)
        record_audit(actor, previous, "diganti", from_state=prev_old.value,
                     to_state=previous.status.value,
                     comment=_("Diganti SKP versi %(versi)s.", versi=skp.versi))
    db.session.flush()
    notices.skp_approved(skp)


def return_skp(actor, skp: Skp, *, revisi: int | None, alasan: str,
               catatan_rhk: Mapping[int, str] | None = None) -> None:
    """Back to the pegawai with a reason, and optionally a comment on each RHK row to fix."""
    require_penilai(actor, skp.pegawai)
    check_revisi(skp, revisi)
    alasan = _required(alasan, "alasan",
                       _("Tuliskan alasan pengembalian; pegawai akan membacanya."))
    per_row = {int(k): v.strip() for k, v in (catatan_rhk or {}).items() if v and v.strip()}
    old = skp.move_to(StatusSkp.DIKEMBALIKAN)
    skp.alasan_dikembalikan = alasan
    skp.snapshot_dikembalikan = skp_snapshot(skp)
    for rhk in skp.rhk:
        rhk.catatan_perbaikan = per_row.get(rhk.id)
    notes = [f"{rhk.uraian}: {rhk.catatan_perbaikan}" for rhk in skp.rhk if rhk.catatan_perbaikan]
    record_audit(actor, skp, "dikembalikan", from_state=old.value, to_state=skp.status.value,
                 comment="\n".join([alasan, *notes]))
    db.session.flush()
    notices.skp_returned(skp)


def revise_skp(actor, skp: Skp, *, alasan: str | None = None) -> Skp:
    """A set SKP is locked; revising it makes a new draft version with the same rows. The set
    version stays in force until the new one is set."""
    require_owner(actor, skp.pegawai)
    if skp.status != StatusSkp.DISETUJUI:
        raise DomainError(_("Hanya SKP yang sudah ditetapkan yang dapat direvisi."))
    newest = current_skp(skp.pegawai_id, skp.tahun_kinerja_id)
    if newest is not None and newest.id != skp.id:
        raise DomainError(_("Sudah ada revisi SKP (versi %(versi)s) yang sedang disusun.",
                            versi=newest.versi))
    new = Skp(pegawai_id=skp.pegawai_id, tahun_kinerja_id=skp.tahun_kinerja_id,
              versi=skp.versi + 1, sebelumnya=skp, status=StatusSkp.DRAF,
              dukungan_sumber_daya=skp.dukungan_sumber_daya,
              skema_pertanggungjawaban=skp.skema_pertanggungjawaban, konsekuensi=skp.konsekuensi)
    for row in skp.ekspektasi:
        new.ekspektasi.append(EkspektasiPerilaku(nilai=row.nilai, urutan=row.urutan,
                                                 ekspektasi_khusus=row.ekspektasi_khusus))
    for rhk in skp.rhk:
        copy = Rhk(jenis=rhk.jenis, urutan=rhk.urutan, uraian=rhk.uraian,
                   rhk_atasan_id=rhk.rhk_atasan_id, asal_id=rhk.id)
        for ind in rhk.indikator:
            copy.indikator.append(IndikatorKinerja(
                urutan=ind.urutan, uraian=ind.uraian, aspek=ind.aspek,
                target_angka=ind.target_angka, target_satuan=ind.target_satuan,
                target_teks=ind.target_teks))
        new.rhk.append(copy)
    db.session.add(new)
    record_audit(actor, new, "revisi_dibuat", to_state=new.status.value,
                 comment=(alasan or "").strip() or None)
    db.session.flush()
    return new


# --- helpers -------------------------------------------------------------------------------------

def require_owner(actor, pegawai: Pegawai) -> None:
    if not is_self(actor, pegawai):
        raise DomainError(_("Hanya pegawai yang bersangkutan yang dapat mengubah ini."))


def require_penilai(actor, pegawai: Pegawai) -> None:
    if not is_penilai(actor, pegawai):
        raise DomainError(_("Hanya pejabat penilai (atasan langsung) yang dapat menilai ini."))


def _required(value: str | None, field: str, message: str | None = None) -> str:
    text = (value or "").strip()
    if not text:
        raise DomainError(message or _("Wajib diisi."), field)
    return text


def _jenis_rhk(value: JenisRhk | str) -> JenisRhk:
    try:
        return JenisRhk(value)
    except ValueError:
        raise DomainError(_("Pilih jenis RHK: utama atau tambahan."), "jenis") from None


def _checked_rhk_atasan(skp: Skp, rhk_atasan_id: int | None) -> int | None:
    if not rhk_atasan_id:
        if skp.pegawai.atasan_id is not None:
            raise DomainError(_("Pilih RHK atasan yang diintervensi."), "rhk_atasan_id")
        return None
    if rhk_atasan_id not in {r.id for r in rhk_atasan_choices(skp)}:
        raise DomainError(_("Pilih RHK dari SKP atasan Anda yang sudah ditetapkan."),
                          "rhk_atasan_id")
    return rhk_atasan_id


def _new_indikator(item: IndikatorInput, urutan: int) -> IndikatorKinerja:
    indikator = IndikatorKinerja(urutan=urutan)
    _fill_indikator(indikator, item)
    return indikator


def _fill_indikator(indikator: IndikatorKinerja, item: IndikatorInput) -> None:
    indikator.uraian = _required(item.uraian, "indikator_uraian")
    try:
        indikator.aspek = AspekIndikator(item.aspek)
    except ValueError:
        raise DomainError(_("Pilih aspek indikator."), "aspek") from None
    teks = squash_spaces(item.target_teks) or None
    satuan = squash_spaces(item.target_satuan) or None
    if item.target_angka is None and teks is None:
        raise DomainError(_("Isi target sebagai angka dengan satuan, atau sebagai teks."),
                          "target_angka")
    if item.target_angka is not None:
        if item.target_angka < 0:
            raise DomainError(_("Target tidak boleh negatif."), "target_angka")
        if satuan is None:
            raise DomainError(_("Isi satuan target, misalnya dokumen, persen, atau hari."),
                              "target_satuan")
    indikator.target_angka = item.target_angka
    indikator.target_satuan = satuan if item.target_angka is not None else None
    indikator.target_teks = teks

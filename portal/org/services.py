"""Changes to the organisation an admin can make. Each checks its rule, changes the objects,
writes the audit entry and flushes; the view commits."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _

from portal.core.models import DomainError, record_audit
from portal.core.text import slugify, squash_spaces
from portal.extensions import db
from portal.org.models import (
    GOLONGAN_PNS,
    GOLONGAN_PPPK,
    JenisJabatan,
    JenisOpd,
    JenisUnit,
    Layanan,
    Opd,
    Pegawai,
    Pemda,
    StatusAsn,
    UnitKerja,
)
from portal.org.nip import NipError, clean_nip, parse_nip


def _unique_slug(model: type, base: str, *where: sa.ColumnElement[bool],
                 exclude_id: int | None = None) -> str:
    slug, n = base, 1
    while True:
        stmt = sa.select(model.id).where(model.slug == slug, *where)
        if exclude_id is not None:
            stmt = stmt.where(model.id != exclude_id)
        if db.session.scalar(stmt) is None:
            return slug
        n += 1
        slug = f"{base}-{n}"


# --- OPD ---------------------------------------------------------------------------------------

def _check_opd_name(pemda_id: int, nama: str, exclude_id: int | None = None) -> None:
    stmt = sa.select(Opd.id).where(Opd.pemda_id == pemda_id, sa.func.lower(Opd.nama) == nama.lower())
    if exclude_id is not None:
        stmt = stmt.where(Opd.id != exclude_id)
    if db.session.scalar(stmt) is not None:
        raise DomainError(_("Pemda ini sudah punya OPD dengan nama tersebut."), "nama")


def create_opd(actor, pemda: Pemda, *, nama: str, singkatan: str | None, jenis: JenisOpd,
               alamat: str | None = None, wilayah_id: int | None = None) -> Opd:
    nama = squash_spaces(nama)
    _check_opd_name(pemda.id, nama)
    opd = Opd(pemda_id=pemda.id, nama=nama, singkatan=squash_spaces(singkatan) or None, jenis=jenis,
              alamat=squash_spaces(alamat) or None, wilayah_id=wilayah_id or pemda.wilayah_id,
              slug=_unique_slug(Opd, slugify(f"{singkatan or nama} {pemda.slug}")))
    db.session.add(opd)
    record_audit(actor, opd, "dibuat")
    return opd


def update_opd(actor, opd: Opd, *, nama: str, singkatan: str | None, jenis: JenisOpd,
               alamat: str | None, aktif: bool) -> Opd:
    nama = squash_spaces(nama)
    _check_opd_name(opd.pemda_id, nama, exclude_id=opd.id)
    opd.nama, opd.jenis, opd.aktif = nama, jenis, aktif
    opd.singkatan = squash_spaces(singkatan) or None
    opd.alamat = squash_spaces(alamat) or None
    record_audit(actor, opd, "diubah")
    db.session.flush()
    return opd


# --- units -------------------------------------------------------------------------------------

def _check_unit_parent(opd: Opd, unit: UnitKerja | None, parent: UnitKerja | None) -> None:
    if parent is None:
        return
    if parent.opd_id != opd.id:
        raise DomainError(_("Unit induk harus berada di OPD yang sama."), "parent_id")
    if unit is not None and (parent.id == unit.id or unit in parent.ancestors()):
        raise DomainError(_("Unit tidak boleh menjadi induk bagi dirinya sendiri atau "
                            "induknya."), "parent_id")


def create_unit(actor, opd: Opd, *, nama: str, jenis: JenisUnit,
                parent: UnitKerja | None) -> UnitKerja:
    _check_unit_parent(opd, None, parent)
    unit = UnitKerja(nama=squash_spaces(nama), jenis=jenis)
    with db.session.no_autoflush:
        unit.opd, unit.parent = opd, parent
        _check_unit_name(unit)
    db.session.add(unit)
    record_audit(actor, unit, "dibuat")
    return unit


def update_unit(actor, unit: UnitKerja, *, nama: str, jenis: JenisUnit,
                parent: UnitKerja | None, aktif: bool) -> UnitKerja:
    _check_unit_parent(unit.opd, unit, parent)
    unit.nama, unit.jenis, unit.parent, unit.aktif = squash_spaces(nama), jenis, parent, aktif
    _check_unit_name(unit)
    record_audit(actor, unit, "diubah")
    db.session.flush()
    return unit


def _check_unit_name(unit: UnitKerja) -> None:
    stmt = sa.select(UnitKerja.id).where(
        UnitKerja.opd_id == unit.opd.id,
        UnitKerja.parent_id.is_(None) if unit.parent is None else UnitKerja.parent_id == unit.parent.id,
        sa.func.lower(UnitKerja.nama) == unit.nama.lower(),
    )
    if unit.id is not None:
        stmt = stmt.where(UnitKerja.id != unit.id)
    with db.session.no_autoflush:  # check before the unique constraint would refuse the flush
        taken = db.session.scalar(stmt) is not None
    if taken:
        raise DomainError(_("Sudah ada unit dengan nama ini di bawah induk yang sama."), "nama")


# --- layanan -----------------------------------------------------------------------------------

@dataclass
class LayananData:
    nama: str
    unit_id: int | None
    persyaratan: str
    prosedur: str
    waktu_penyelesaian_hari: int
    biaya_rupiah: int
    produk: str
    aktif: bool = True


def _apply_layanan(layanan: Layanan, opd: Opd, data: LayananData) -> None:
    if data.unit_id is not None:
        unit = db.session.get(UnitKerja, data.unit_id)
        if unit is None or unit.opd_id != opd.id:
            raise DomainError(_("Unit pelaksana harus berada di OPD ini."), "unit_id")
    layanan.opd = opd
    layanan.nama = squash_spaces(data.nama)
    layanan.unit_id = data.unit_id
    layanan.persyaratan = data.persyaratan.strip()
    layanan.prosedur = data.prosedur.strip()
    layanan.waktu_penyelesaian_hari = data.waktu_penyelesaian_hari
    layanan.biaya_rupiah = data.biaya_rupiah
    layanan.produk = squash_spaces(data.produk)
    layanan.aktif = data.aktif


def create_layanan(actor, opd: Opd, data: LayananData) -> Layanan:
    layanan = Layanan()
    with db.session.no_autoflush:
        _apply_layanan(layanan, opd, data)
        layanan.slug = _unique_slug(Layanan, slugify(layanan.nama), Layanan.opd_id == opd.id)
    db.session.add(layanan)
    record_audit(actor, layanan, "dibuat")
    return layanan


def update_layanan(actor, layanan: Layanan, data: LayananData) -> Layanan:
    with db.session.no_autoflush:
        _apply_layanan(layanan, layanan.opd, data)
    record_audit(actor, layanan, "diubah")
    db.session.flush()
    return layanan


# --- pegawai -----------------------------------------------------------------------------------

@dataclass
class PegawaiData:
    nip: str
    nama: str
    jabatan: str
    jenis_jabatan: JenisJabatan
    golongan: str | None
    status_asn: StatusAsn
    unit_id: int
    atasan_id: int | None
    email: str | None = None
    aktif: bool = True


def check_golongan(status: StatusAsn, golongan: str | None) -> None:
    if not golongan:
        return
    allowed = GOLONGAN_PNS if status == StatusAsn.PNS else GOLONGAN_PPPK
    if golongan not in allowed:
        if status == StatusAsn.PNS:
            raise DomainError(_("Golongan PNS harus salah satu dari I/a sampai IV/e."), "golongan")
        raise DomainError(_("Golongan PPPK harus salah satu dari I sampai XVII."), "golongan")


def check_nip(nip: str) -> str:
    try:
        parse_nip(nip)
    except NipError as error:
        raise DomainError(str(error), "nip") from None
    return clean_nip(nip)


def check_atasan(pegawai: Pegawai, atasan: Pegawai | None) -> None:
    if atasan is None:
        return
    if pegawai.id is not None and atasan.id == pegawai.id:
        raise DomainError(_("Pegawai tidak dapat menjadi atasan dirinya sendiri."), "atasan_id")
    if not atasan.aktif:
        raise DomainError(_("Atasan yang dipilih sudah tidak aktif."), "atasan_id")
    if atasan.opd.pemda_id != pegawai.opd.pemda_id:
        raise DomainError(_("Atasan harus pegawai pemda yang sama."), "atasan_id")
    seen, node = set(), atasan
    while node is not None and node.id not in seen:
        if pegawai.id is not None and node.id == pegawai.id:
            raise DomainError(_("Pilihan atasan ini membuat rantai atasan berputar."),
                              "atasan_id")
        seen.add(node.id)
        node = node.atasan


def _apply_pegawai(pegawai: Pegawai, opd: Opd, data: PegawaiData) -> None:
    nip = check_nip(data.nip)
    duplicate = sa.select(Pegawai.id).where(Pegawai.nip == nip)
    if pegawai.id is not None:
        duplicate = duplicate.where(Pegawai.id != pegawai.id)
    if db.session.scalar(duplicate) is not None:
        raise DomainError(_("NIP ini sudah terdaftar."), "nip")
    unit = db.session.get(UnitKerja, data.unit_id)
    if unit is None or unit.opd_id != opd.id:
        raise DomainError(_("Unit kerja harus berada di OPD ini."), "unit_id")
    check_golongan(data.status_asn, data.golongan)
    pegawai.nip, pegawai.opd, pegawai.unit = nip, opd, unit
    pegawai.nama = squash_spaces(data.nama)
    pegawai.jabatan = squash_spaces(data.jabatan)
    pegawai.jenis_jabatan, pegawai.status_asn = data.jenis_jabatan, data.status_asn
    pegawai.golongan = data.golongan or None
    pegawai.email = (data.email or "").strip() or None
    pegawai.aktif = data.aktif
    atasan = db.session.get(Pegawai, data.atasan_id) if data.atasan_id else None
    if data.atasan_id and atasan is None:
        raise DomainError(_("Atasan yang dipilih tidak ditemukan."), "atasan_id")
    check_atasan(pegawai, atasan)
    pegawai.atasan = atasan


def create_pegawai(actor, opd: Opd, data: PegawaiData) -> Pegawai:
    pegawai = Pegawai()
    with db.session.no_autoflush:
        _apply_pegawai(pegawai, opd, data)
    db.session.add(pegawai)
    record_audit(actor, pegawai, "dibuat")
    return pegawai


def update_pegawai(actor, pegawai: Pegawai, data: PegawaiData) -> Pegawai:
    with db.session.no_autoflush:
        _apply_pegawai(pegawai, pegawai.opd, data)
    record_audit(actor, pegawai, "diubah")
    db.session.flush()
    return pegawai

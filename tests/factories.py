"""Factories: small callables that build valid objects, and ``build_world()``, a tiny but
complete organisation with one user per role, used by most tests."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date

from werkzeug.security import generate_password_hash

from portal.auth.models import RoleAssignment, User
from portal.core.roles import Role
from portal.extensions import db
from portal.org.models import (
    JenisJabatan,
    JenisOpd,
    JenisUnit,
    Layanan,
    Opd,
    Pegawai,
    Pemda,
    StatusAsn,
    TingkatWilayah,
    UnitKerja,
    Wilayah,
)
from portal.org.nip import make_nip

PASSWORD = "sandi-uji-yang-panjang"
# Hashed once, with cheap scrypt parameters (they travel in the hash): the production cost per
# sign-in would make every test that signs in slow.
PASSWORD_HASH = generate_password_hash(PASSWORD, method="scrypt:1024:8:1")
_seq = itertools.count(1)


def next_nip(jenis_kelamin: str = "L") -> str:
    n = next(_seq)
    return make_nip(date(1980 + n % 15, 1 + n % 12, 1 + n % 27), 2005 + n % 10, 1 + n % 12,
                    jenis_kelamin, n % 999 + 1)


def make_wilayah(kode: str, nama: str, tingkat: TingkatWilayah, parent=None) -> Wilayah:
    wilayah = Wilayah(kode=kode, nama=nama, tingkat=tingkat, parent=parent)
    db.session.add(wilayah)
    return wilayah


def make_pemda(nama: str, slug: str, wilayah: Wilayah) -> Pemda:
    pemda = Pemda(nama=nama, slug=slug, wilayah=wilayah)
    db.session.add(pemda)
    return pemda


def make_opd(pemda: Pemda, nama: str, slug: str, jenis: JenisOpd = JenisOpd.DINAS,
             singkatan: str | None = None) -> Opd:
    opd = Opd(pemda=pemda, nama=nama, slug=slug, jenis=jenis, singkatan=singkatan,
              wilayah=pemda.wilayah)
    db.session.add(opd)
    return opd


def make_unit(opd: Opd, nama: str, jenis: JenisUnit = JenisUnit.BIDANG, parent=None) -> UnitKerja:
    unit = UnitKerja(opd=opd, nama=nama, jenis=jenis, parent=parent)
    db.session.add(unit)
    return unit


def make_pegawai(unit: UnitKerja, nama: str, *, jabatan: str = "Pengadministrasi Perkantoran",
                 jenis: JenisJabatan = JenisJabatan.PELAKSANA, atasan: Pegawai | None = None,
                 status: StatusAsn = StatusAsn.PNS, golongan: str | None = "III/a") -> Pegawai:
    pegawai = Pegawai(nip=next_nip(), nama=nama, jabatan=jabatan, jenis_jabatan=jenis,
                      golongan=golongan, status_asn=status, opd=unit.opd, unit=unit, atasan=atasan)
    db.session.add(pegawai)
    return pegawai


def make_user(username: str, nama: str, *, pegawai: Pegawai | None = None,
              roles: tuple[tuple[Role, Pemda | Opd], ...] = ()) -> User:
    user = User(username=username, nama=nama, password_hash=PASSWORD_HASH, pegawai=pegawai)
    for role, scope in roles:
        if isinstance(scope, Pemda):
            user.roles.append(RoleAssignment(role=role, pemda=scope))
        else:
            user.roles.append(RoleAssignment(role=role, opd=scope))
    db.session.add(user)
    return user


@dataclass
class World:
    password: str
    pemda: Pemda
    pemda_lain: Pemda
    opd: Opd
    opd_lain: Opd
    opd_pemda_lain: Opd
    units: dict[str, UnitKerja] = field(default_factory=dict)
    pegawai: dict[str, Pegawai] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    layanan: Layanan | None = None


def build_world() -> World:
    lampung = make_wilayah("18", "Lampung", TingkatWilayah.PROVINSI)
    bdl = make_wilayah("18.71", "Bandar Lampung", TingkatWilayah.KOTA, lampung)
    metro = make_wilayah("18.72", "Metro", TingkatWilayah.KOTA, lampung)
    pemda = make_pemda("Pemerintah Kota Bandar Lampung", "kota-bandar-lampung", bdl)
    pemda_lain = make_pemda("Pemerintah Kota Metro", "kota-metro", metro)
    opd = make_opd(pemda, "Dinas Kependudukan dan Pencatatan Sipil", "disdukcapil-bdl",
                   singkatan="Disdukcapil")
    opd_lain = make_opd(pemda, "Dinas Penanaman Modal dan PTSP", "dpmptsp-bdl",
                        singkatan="DPMPTSP")
    opd_pemda_lain = make_opd(pemda_lain, "Dinas Kesehatan", "dinkes-metro")
    world = World(PASSWORD, pemda, pemda_lain, opd, opd_lain, opd_pemda_lain)

    sekretariat = make_unit(opd, "Sekretariat", JenisUnit.SEKRETARIAT)
    bidang = make_unit(opd, "Bidang Pelayanan Pendaftaran Penduduk")
    seksi = make_unit(opd, "Seksi Identitas Penduduk", JenisUnit.SEKSI, parent=bidang)
    unit_lain = make_unit(opd_lain, "Bidang Perizinan")
    unit_metro = make_unit(opd_pemda_lain, "Bidang Pelayanan Kesehatan")
    world.units = {"sekretariat": sekretariat, "bidang": bidang, "seksi": seksi,
                   "lain": unit_lain, "metro": unit_metro}

    kepala = make_pegawai(sekretariat, "Drs. Hendra Saputra, M.Si.", jabatan="Kepala Dinas",
                          jenis=JenisJabatan.JPT, golongan="IV/c")
    kabid = make_pegawai(bidang, "Sri Wahyuni, S.E.", jabatan="Kepala Bidang Pelayanan",
                         jenis=JenisJabatan.ADMINISTRATOR, atasan=kepala, golongan="IV/a")
    kasi = make_pegawai(seksi, "Ahmad Fauzi, S.Kom.", jabatan="Kepala Seksi Identitas",
                        jenis=JenisJabatan.PENGAWAS, atasan=kabid, golongan="III/d")
    staf = make_pegawai(seksi, "Dewi Lestari", atasan=kasi)
    staf2 = make_pegawai(seksi, "Budi Santoso", atasan=kasi, status=StatusAsn.PPPK,
                         golongan="VII")
    lain = make_pegawai(unit_lain, "Rahmat Hidayat", atasan=None)
    metro_staf = make_pegawai(unit_metro, "Yuliana Siregar")
    world.pegawai = {"kepala": kepala, "kabid": kabid, "kasi": kasi, "staf": staf,
                     "staf2": staf2, "lain": lain, "metro": metro_staf}
    world.layanan = Layanan(opd=opd, nama="Penerbitan KTP-el", slug="ktp-el",
                            persyaratan="Fotokopi KK", waktu_penyelesaian_hari=1,
                            biaya_rupiah=0, produk="KTP-el")
    db.session.add(world.layanan)

    world.users = {
        "admin_pemda": make_user("admin.bdl", "Admin Kota Bandar Lampung",
                                 roles=((Role.ADMIN_PEMDA, pemda),)),
        "admin_pemda_lain": make_user("admin.metro", "Admin Kota Metro",
                                      roles=((Role.ADMIN_PEMDA, pemda_lain),)),
        "admin_opd": make_user("admin.disdukcapil", "Admin Disdukcapil",
                               roles=((Role.ADMIN_OPD, opd),)),
        "admin_opd_lain": make_user("admin.dpmptsp", "Admin DPMPTSP",
                                    roles=((Role.ADMIN_OPD, opd_lain),)),
        "petugas_pengaduan": make_user("petugas.disdukcapil", "Petugas Pengaduan",
                                       roles=((Role.PETUGAS_PENGADUAN, opd),)),
        "koordinator_pengaduan": make_user("koordinator.bdl", "Koordinator Pengaduan",
                                           roles=((Role.KOORDINATOR_PENGADUAN, pemda),)),
        "pegawai": make_user(staf.nip, staf.nama, pegawai=staf),
        "atasan": make_user(kasi.nip, kasi.nama, pegawai=kasi),
    }
    db.session.flush()
    return world

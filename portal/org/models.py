"""The organisation: wilayah tree, pemda, OPD, unit tree, layanan with its standar pelayanan,
and pegawai with their atasan langsung (from which the pejabat penilai is derived)."""

from __future__ import annotations

import enum
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.models import TimestampMixin, enum_column
from portal.extensions import db
from portal.org.nip import parse_nip


class TingkatWilayah(enum.StrEnum):
    PROVINSI = "provinsi"
    KABUPATEN = "kabupaten"
    KOTA = "kota"
    KECAMATAN = "kecamatan"
    KELURAHAN = "kelurahan"
    DESA = "desa"


class JenisOpd(enum.StrEnum):
    SEKRETARIAT = "sekretariat"
    DINAS = "dinas"
    BADAN = "badan"
    INSPEKTORAT = "inspektorat"
    SATPOL_PP = "satpol_pp"
    RUMAH_SAKIT = "rumah_sakit"
    KECAMATAN = "kecamatan"


JENIS_OPD_LABEL = {
    JenisOpd.SEKRETARIAT: _l("Sekretariat"),
    JenisOpd.DINAS: _l("Dinas"),
    JenisOpd.BADAN: _l("Badan"),
    JenisOpd.INSPEKTORAT: _l("Inspektorat"),
    JenisOpd.SATPOL_PP: _l("Satuan Polisi Pamong Praja"),
    JenisOpd.RUMAH_SAKIT: _l("Rumah Sakit Daerah"),
    JenisOpd.KECAMATAN: _l("Kecamatan"),
}


class JenisUnit(enum.StrEnum):
    SEKRETARIAT = "sekretariat"
    BIDANG = "bidang"
    SUBBAGIAN = "subbagian"
    SEKSI = "seksi"
    UPTD = "uptd"
    SATUAN_PENDIDIKAN = "satuan_pendidikan"
    KELURAHAN = "kelurahan"


JENIS_UNIT_LABEL = {
    JenisUnit.SEKRETARIAT: _l("Sekretariat"),
    JenisUnit.BIDANG: _l("Bidang"),
    JenisUnit.SUBBAGIAN: _l("Subbagian"),
    JenisUnit.SEKSI: _l("Seksi"),
    JenisUnit.UPTD: _l("UPTD"),
    JenisUnit.SATUAN_PENDIDIKAN: _l("Satuan pendidikan"),
    JenisUnit.KELURAHAN: _l("Kelurahan/desa"),
}


class JenisJabatan(enum.StrEnum):
    JPT = "jpt"
    ADMINISTRATOR = "administrator"
    PENGAWAS = "pengawas"
    PELAKSANA = "pelaksana"
    FUNGSIONAL = "fungsional"


JENIS_JABATAN_LABEL = {
    JenisJabatan.JPT: _l("Jabatan Pimpinan Tinggi"),
    JenisJabatan.ADMINISTRATOR: _l("Administrator"),
    JenisJabatan.PENGAWAS: _l("Pengawas"),
    JenisJabatan.PELAKSANA: _l("Pelaksana"),
    JenisJabatan.FUNGSIONAL: _l("Fungsional"),
}


class StatusAsn(enum.StrEnum):
    PNS = "PNS"
    PPPK = "PPPK"


GOLONGAN_PNS = tuple(f"{ruang}/{huruf}" for ruang, hurufs in (
    ("I", "abcd"), ("II", "abcd"), ("III", "abcd"), ("IV", "abcde")) for huruf in hurufs)
GOLONGAN_PPPK = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
                 "XIII", "XIV", "XV", "XVI", "XVII")


class Wilayah(db.Model):
    __tablename__ = "wilayah"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Kemendagri/BPS code with dots, e.g. "18.71" for Kota Bandar Lampung
    kode: Mapped[str] = mapped_column(sa.String(20), unique=True)
    nama: Mapped[str] = mapped_column(sa.String(120))
    tingkat: Mapped[TingkatWilayah] = mapped_column(enum_column(TingkatWilayah, 16))
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("wilayah.id"), index=True)

    parent: Mapped[Wilayah | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Wilayah]] = relationship(back_populates="parent",
                                                   order_by="Wilayah.kode")

    @property
    def nama_lengkap(self) -> str:
        prefix = {TingkatWilayah.PROVINSI: "Provinsi", TingkatWilayah.KABUPATEN: "Kabupaten",
                  TingkatWilayah.KOTA: "Kota", TingkatWilayah.KECAMATAN: "Kecamatan",
                  TingkatWilayah.KELURAHAN: "Kelurahan", TingkatWilayah.DESA: "Desa"}
        return f"{prefix[self.tingkat]} {self.nama}"

    def __repr__(self) -> str:
        return f"<Wilayah {self.kode} {self.nama}>"


class Pemda(TimestampMixin, db.Model):
    """A regional government (pemerintah daerah) that runs its own OPDs on the portal."""

    __tablename__ = "pemda"

    id: Mapped[int] = mapped_column(primary_key=True)
    nama: Mapped[str] = mapped_column(sa.String(160))
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    wilayah_id: Mapped[int] = mapped_column(sa.ForeignKey("wilayah.id"), unique=True)

    wilayah: Mapped[Wilayah] = relationship()
    opds: Mapped[list[Opd]] = relationship(back_populates="pemda", order_by="Opd.nama")

    def __repr__(self) -> str:
        return f"<Pemda {self.slug}>"


class Opd(TimestampMixin, db.Model):
    """Perangkat Daerah: a dinas, badan, inspektorat, kecamatan office …"""

    __tablename__ = "opd"

    id: Mapped[int] = mapped_column(primary_key=True)
    pemda_id: Mapped[int] = mapped_column(sa.ForeignKey("pemda.id"), index=True)
    nama: Mapped[str] = mapped_column(sa.String(200))
    singkatan: Mapped[str | None] = mapped_column(sa.String(40))
    jenis: Mapped[JenisOpd] = mapped_column(enum_column(JenisOpd, 20))
    slug: Mapped[str] = mapped_column(sa.String(120), unique=True)
    #: where the office sits; for a kecamatan office, the kecamatan itself
    wilayah_id: Mapped[int | None] = mapped_column(sa.ForeignKey("wilayah.id"), index=True)
    alamat: Mapped[str | None] = mapped_column(sa.String(300))
    aktif: Mapped[bool] = mapped_column(default=True)

    pemda: Mapped[Pemda] = relationship(back_populates="opds")
    wilayah: Mapped[Wilayah | None] = relationship()
    units: Mapped[list[UnitKerja]] = relationship(back_populates="opd",
                                                  order_by="UnitKerja.nama")
    layanan: Mapped[list[Layanan]] = relationship(back_populates="opd", order_by="Layanan.nama")

    __table_args__ = (sa.UniqueConstraint("pemda_id", "nama"),)

    @property
    def jenis_label(self) -> str:
        return str(JENIS_OPD_LABEL[self.jenis])

    def __repr__(self) -> str:
        return f"<Opd {self.slug}>"


class UnitKerja(TimestampMixin, db.Model):
    """A unit inside an OPD (bidang, seksi, UPTD such as a puskesmas or school); a tree."""

    __tablename__ = "unit_kerja"

    id: Mapped[int] = mapped_column(primary_key=True)
    opd_id: Mapped[int] = mapped_column(sa.ForeignKey("opd.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("unit_kerja.id"), index=True)
    nama: Mapped[str] = mapped_column(sa.String(200))
    jenis: Mapped[JenisUnit] = mapped_column(enum_column(JenisUnit, 24))
    aktif: Mapped[bool] = mapped_column(default=True)

    opd: Mapped[Opd] = relationship(back_populates="units")
    parent: Mapped[UnitKerja | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[UnitKerja]] = relationship(back_populates="parent",
                                                     order_by="UnitKerja.nama")

    __table_args__ = (sa.UniqueConstraint("opd_id", "parent_id", "nama"),)

    @property
    def jenis_label(self) -> str:
        return str(JENIS_UNIT_LABEL[self.jenis])

    def ancestors(self) -> list[UnitKerja]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain

    def __repr__(self) -> str:
        return f"<UnitKerja {self.nama}>"


class Layanan(TimestampMixin, db.Model):
    """A public service of an OPD with its standar pelayanan."""

    __tablename__ = "layanan"

    id: Mapped[int] = mapped_column(primary_key=True)
    opd_id: Mapped[int] = mapped_column(sa.ForeignKey("opd.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("unit_kerja.id"))
    nama: Mapped[str] = mapped_column(sa.String(200))
    slug: Mapped[str] = mapped_column(sa.String(120))
    #: one requirement per line
    persyaratan: Mapped[str] = mapped_column(sa.Text, default="")
    prosedur: Mapped[str] = mapped_column(sa.Text, default="")
    #: target time to finish, in working days
    waktu_penyelesaian_hari: Mapped[int]
    #: fee in whole rupiah; 0 means free of charge
    biaya_rupiah: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    produk: Mapped[str] = mapped_column(sa.String(300))
    aktif: Mapped[bool] = mapped_column(default=True)

    opd: Mapped[Opd] = relationship(back_populates="layanan")
    unit: Mapped[UnitKerja | None] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("opd_id", "slug"),
        sa.CheckConstraint("waktu_penyelesaian_hari >= 0", name="waktu_tidak_negatif"),
        sa.CheckConstraint("biaya_rupiah >= 0", name="biaya_tidak_negatif"),
    )

    def __repr__(self) -> str:
        return f"<Layanan {self.slug}>"


class Pegawai(TimestampMixin, db.Model):
    """An ASN (PNS or PPPK). The pejabat penilai is ``atasan``: derived from the org chart."""

    __tablename__ = "pegawai"

    id: Mapped[int] = mapped_column(primary_key=True)
    nip: Mapped[str] = mapped_column(sa.String(18), unique=True)
    nama: Mapped[str] = mapped_column(sa.String(160))
    jabatan: Mapped[str] = mapped_column(sa.String(200))
    jenis_jabatan: Mapped[JenisJabatan] = mapped_column(enum_column(JenisJabatan, 16))
    #: "III/a" for PNS; "IX" for PPPK; empty when not known
    golongan: Mapped[str | None] = mapped_column(sa.String(8))
    status_asn: Mapped[StatusAsn] = mapped_column(enum_column(StatusAsn, 8))
    #: denormalised from the unit so an OPD's staff list is one indexed filter
    opd_id: Mapped[int] = mapped_column(sa.ForeignKey("opd.id"), index=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("unit_kerja.id"), index=True)
    atasan_id: Mapped[int | None] = mapped_column(sa.ForeignKey("pegawai.id"), index=True)
    email: Mapped[str | None] = mapped_column(sa.String(200))
    aktif: Mapped[bool] = mapped_column(default=True)

    opd: Mapped[Opd] = relationship()
    unit: Mapped[UnitKerja] = relationship()
    atasan: Mapped[Pegawai | None] = relationship(remote_side=[id], back_populates="bawahan")
    bawahan: Mapped[list[Pegawai]] = relationship(back_populates="atasan",
                                                  order_by="Pegawai.nama")

    __table_args__ = (
        sa.Index("ix_pegawai_opd_nama", "opd_id", "nama"),
        sa.CheckConstraint("atasan_id IS NULL OR atasan_id <> id", name="bukan_atasan_sendiri"),
    )

    @property
    def jenis_kelamin(self) -> str:
        return "L" if self.nip[14] == "1" else "P"

    @property
    def tanggal_lahir(self) -> date:
        return parse_nip(self.nip).tanggal_lahir

    @property
    def jenis_jabatan_label(self) -> str:
        return str(JENIS_JABATAN_LABEL[self.jenis_jabatan])

    @property
    def pejabat_penilai(self) -> Pegawai | None:
        """The direct supervisor rates this pegawai (PermenPANRB 6/2022)."""
        return self.atasan

    def __repr__(self) -> str:
        return f"<Pegawai {self.nip}>"

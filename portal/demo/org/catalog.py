"""What a demo OPD looks like: its name, its unit tree, the units that multiply with its staff
(schools, puskesmas), its weight in the staff count, and its services. Structures follow the
usual Permendagri nomenclature for dinas and badan; they are templates, not any pemda's Perda."""

from __future__ import annotations

from dataclasses import dataclass, field

from portal.org.models import JenisJabatan, JenisOpd, JenisUnit, TingkatWilayah


@dataclass(frozen=True)
class UnitSpec:
    nama: str
    jenis: JenisUnit
    children: tuple[UnitSpec, ...] = ()
    #: the head's jabatan when "Kepala <nama>" does not fit
    kepala: str | None = None
    #: the head's kind when the default for ``jenis`` does not fit
    kepala_jenis: JenisJabatan | None = None
    #: the staff profile (see demo_jabatan.PROFILES) when not the OPD's own
    profil: str | None = None
    #: relative share of the OPD's staff that sits in this unit (leaves only); at most 2, so
    #: that no unit passes about 70 staff when its OPD is full
    bobot: float = 1.0


@dataclass(frozen=True)
class Growth:
    """Units created in proportion to the OPD's staff, so a large demo spreads teachers over
    many schools instead of piling them into one seksi."""

    #: the unit they hang under (a bidang); None for top level
    induk: str | None
    #: "{n}" is the running number at a place, "{tempat}" the kecamatan or kabupaten/kota
    pola: str
    porsi: float
    jenis: JenisUnit
    profil: str
    kepala_jenis: JenisJabatan = JenisJabatan.PENGAWAS


@dataclass(frozen=True)
class OpdSpec:
    key: str
    nama: str
    singkatan: str | None
    jenis: JenisOpd
    kepala: str
    units: tuple[UnitSpec, ...]
    profil: str
    #: relative share of the pemda's staff
    bobot: float
    growth: tuple[Growth, ...] = ()
    layanan: tuple[str, ...] = ()
    kepala_jenis: JenisJabatan = JenisJabatan.JPT
    #: the unit the head's own record sits in (there is no unit for the OPD itself)
    home: str = "Sekretariat"
    #: for a kecamatan office: the kecamatan's wilayah kode
    wilayah_kode: str | None = None
    #: places named by growth units (kecamatan, or kabupaten/kota for a province)
    tempat: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class PemdaRef:
    slug: str
    tingkat: TingkatWilayah
    #: the wilayah's own name, e.g. "Bandar Lampung"
    nama: str
    #: (kode, nama) of its kecamatan known to the reference data
    kecamatan: tuple[tuple[str, str], ...]
    #: kab/kota names, for a province
    kabkota: tuple[str, ...] = ()
    kelurahan: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: how large its OPDs are relative to an average kabupaten
    skala: float = 1.0


_B, _S, _SB = JenisUnit.BIDANG, JenisUnit.SEKSI, JenisUnit.SUBBAGIAN
_ADM = JenisJabatan.ADMINISTRATOR


def seksi(*names: str, prefix: str = "Seksi", profil: str | None = None) -> tuple[UnitSpec, ...]:
    return tuple(UnitSpec(f"{prefix} {n}", _S, profil=profil) for n in names)


def bidang(nama: str, *seksi_names: str, prefix: str = "Seksi",
           profil: str | None = None) -> UnitSpec:
    return UnitSpec(f"Bidang {nama}", _B, seksi(*seksi_names, prefix=prefix, profil=profil))


def sekretariat(profil: str = "umum") -> UnitSpec:
    return UnitSpec("Sekretariat", JenisUnit.SEKRETARIAT, tuple(
        UnitSpec(f"Subbagian {n}", _SB, profil=profil)
        for n in ("Umum dan Kepegawaian", "Keuangan", "Perencanaan")), kepala="Sekretaris")


def uptd(nama: str, profil: str | None = None, bobot: float = 2.0) -> UnitSpec:
    return UnitSpec(f"UPTD {nama}", JenisUnit.UPTD, profil=profil, bobot=bobot)


# --- Sekretariat Daerah ------------------------------------------------------------------------

def _setda(provinsi: bool) -> OpdSpec:
    if provinsi:  # Biro under a provincial Sekda, headed at JPT level, with Bagian below
        def biro(nama: str, *bagian: str) -> UnitSpec:
            return UnitSpec(f"Biro {nama}", _B, tuple(UnitSpec(f"Bagian {b}", _SB, kepala_jenis=_ADM)
                                                    for b in bagian),
                            kepala_jenis=JenisJabatan.JPT)
        units = (
            biro("Pemerintahan dan Otonomi Daerah", "Pemerintahan", "Otonomi Daerah", "Kerja Sama"),
            biro("Hukum", "Perundang-undangan", "Bantuan Hukum", "Dokumentasi dan Informasi Hukum"),
            biro("Organisasi", "Kelembagaan dan Analisis Jabatan",
                 "Reformasi Birokrasi dan Akuntabilitas Kinerja", "Tata Laksana"),
            biro("Umum", "Tata Usaha Pimpinan", "Rumah Tangga", "Keuangan"),
        )
        home = "Biro Umum"
    else:
        def bagian(nama: str, *sub: str) -> UnitSpec:
            return UnitSpec(f"Bagian {nama}", _B, tuple(UnitSpec(f"Subbagian {s}", _SB) for s in sub))
        units = (
            bagian("Pemerintahan", "Administrasi Pemerintahan", "Otonomi Daerah", "Kerja Sama"),
            bagian("Hukum", "Perundang-undangan", "Bantuan Hukum", "Dokumentasi dan Informasi Hukum"),
            bagian("Organisasi", "Kelembagaan dan Analisis Jabatan",
                   "Reformasi Birokrasi dan Akuntabilitas Kinerja", "Tata Laksana"),
            bagian("Umum", "Tata Usaha Pimpinan", "Rumah Tangga", "Keuangan"),
        )
        home = "Bagian Umum"
    return OpdSpec("setda", "Sekretariat Daerah", "Setda", JenisOpd.SEKRETARIAT,
                   "Sekretaris Daerah", units, "setda", 4, layanan=("informasi_publik",),
                   home=home)


# --- dinas and badan ---------------------------------------------------------------------------

def _disdukcapil() -> OpdSpec:
    return OpdSpec(
        "disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", JenisOpd.DINAS,
        "Kepala Dinas Kependudukan dan Pencatatan Sipil", (
            sekretariat(),
            bidang("Pelayanan Pendaftaran Penduduk", "Identitas Penduduk", "Pindah Datang Penduduk",
                   "Pendataan Penduduk"),
            bidang("Pelayanan Pencatatan Sipil", "Kelahiran", "Perkawinan dan Perceraian",
                   "Perubahan Status Anak, Kewarganegaraan dan Kematian"),
            bidang("Pengelolaan Informasi Administrasi Kependudukan",
                   "Sistem Informasi Administrasi Kependudukan",
                   "Pengolahan dan Penyajian Data Kependudukan",
                   "Tata Kelola dan Sumber Daya Manusia Teknologi Informasi dan Komunikasi"),
            bidang("Pemanfaatan Data dan Inovasi Pelayanan", "Kerja Sama",
                   "Pemanfaatan Data dan Dokumen Kependudukan", "Inovasi Pelayanan"),
        ), "kependudukan", 3,
        layanan=("ktp_el", "kartu_keluarga", "akta_kelahiran", "akta_kematian", "pindah_wni",
                 "kia"))


def _dpmptsp(kabkota: bool) -> OpdSpec:
    return OpdSpec(
        "dpmptsp", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP",
        JenisOpd.DINAS, "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", (
            sekretariat(),
            bidang("Penanaman Modal", "Promosi Penanaman Modal",
                   "Pengendalian Pelaksanaan Penanaman Modal"),
            bidang("Pelayanan Perizinan dan Nonperizinan", "Pelayanan Perizinan Berusaha",
                   "Pelayanan Nonperizinan", "Verifikasi dan Pemrosesan Perizinan"),
            bidang("Pengaduan, Kebijakan dan Pelaporan Layanan", "Pengaduan dan Informasi Layanan",
                   "Kebijakan dan Pelaporan Layanan"),
        ), "perizinan", 2,
        layanan=("nib", "pbg", "konsultasi_perizinan") if kabkota else ("nib", "konsultasi_perizinan"))


def _disdik(provinsi: bool, nama: str, singkatan: str) -> OpdSpec:
    if provinsi:
        jenjang = (("SMA", "Sekolah Menengah Atas"), ("SMK", "Sekolah Menengah Kejuruan"))
        growth = (Growth("Bidang Pembinaan Sekolah Menengah Atas", "SMA Negeri {n} {tempat}", 0.6,
                         JenisUnit.SATUAN_PENDIDIKAN, "sekolah", JenisJabatan.FUNGSIONAL),
                  Growth("Bidang Pembinaan Sekolah Menengah Kejuruan", "SMK Negeri {n} {tempat}",
                         0.4, JenisUnit.SATUAN_PENDIDIKAN, "sekolah", JenisJabatan.FUNGSIONAL))
        extra = (bidang("Kebudayaan", "Cagar Budaya dan Permuseuman", "Kesenian dan Tradisi",
                        profil="kebudayaan"),
                 uptd("Museum Negeri Provinsi Lampung Ruwa Jurai", "kebudayaan"),
                 uptd("Taman Budaya", "kebudayaan"))
    else:
        jenjang = (("SD", "Sekolah Dasar"), ("SMP", "Sekolah Menengah Pertama"))
        growth = (Growth("Bidang Pembinaan Sekolah Dasar", "SD Negeri {n} {tempat}", 0.7,
                         JenisUnit.SATUAN_PENDIDIKAN, "sekolah", JenisJabatan.FUNGSIONAL),
                  Growth("Bidang Pembinaan Sekolah Menengah Pertama", "SMP Negeri {n} {tempat}",
                         0.3, JenisUnit.SATUAN_PENDIDIKAN, "sekolah", JenisJabatan.FUNGSIONAL))
        extra = (bidang("Pendidikan Anak Usia Dini dan Pendidikan Nonformal",
                        "Pembinaan Pendidikan Anak Usia Dini", "Pembinaan Pendidikan Nonformal"),)
    units = (sekretariat(),
             *(bidang(f"Pembinaan {panjang}", f"Kurikulum dan Penilaian {singkat}",
                      f"Peserta Didik dan Pembangunan Karakter {singkat}",
                      f"Kelembagaan dan Sarana Prasarana {singkat}")
               for singkat, panjang in jenjang),
             bidang("Guru dan Tenaga Kependidikan", *(f"Guru dan Tenaga Kependidikan {s}"
                                                      for s, _ in jenjang)),
             *extra)
    return OpdSpec("disdik", nama, singkatan, JenisOpd.DINAS, f"Kepala {nama}", units,
                   "pendidikan", 40, growth=growth,
                   layanan=("legalisasi_ijazah", "pengganti_ijazah", "mutasi_siswa"))


def _dinkes(provinsi: bool) -> OpdSpec:
    units: tuple[UnitSpec, ...] = (
        sekretariat(),
        bidang("Kesehatan Masyarakat", "Kesehatan Keluarga dan Gizi",
               "Promosi dan Pemberdayaan Masyarakat",
               "Kesehatan Lingkungan, Kesehatan Kerja dan Olahraga"),
        bidang("Pencegahan dan Pengendalian Penyakit", "Surveilans dan Imunisasi",
               "Pencegahan dan Pengendalian Penyakit Menular",
               "Pencegahan dan Pengendalian Penyakit Tidak Menular dan Kesehatan Jiwa"),
        bidang("Pelayanan Kesehatan", "Pelayanan Kesehatan Primer",
               "Pelayanan Kesehatan Rujukan", "Kefarmasian dan Alat Kesehatan"),
        bidang("Sumber Daya Kesehatan", "Sumber Daya Manusia Kesehatan",
               "Pembiayaan dan Jaminan Kesehatan"),
    )
    if provinsi:
        units += (uptd("Balai Laboratorium Kesehatan", "puskesmas"),
                  uptd("Balai Pelatihan Kesehatan"))
        return OpdSpec("dinkes", "Dinas Kesehatan", "Dinkes", JenisOpd.DINAS,
                       "Kepala Dinas Kesehatan", units, "kesehatan", 6, layanan=("sip_nakes",))
    units += (uptd("Instalasi Farmasi"), uptd("Laboratorium Kesehatan Daerah", "puskesmas"))
    growth = (Growth("Bidang Pelayanan Kesehatan", "UPTD Puskesmas {tempat}", 1.0, JenisUnit.UPTD,
                     "puskesmas"),)
    return OpdSpec("dinkes", "Dinas Kesehatan", "Dinkes", JenisOpd.DINAS, "Kepala Dinas Kesehatan",
                   units, "kesehatan", 20, growth=growth,
                   layanan=("rawat_jalan_puskesmas", "sip_nakes"))


def _dishub(provinsi: bool) -> OpdSpec:
    llaj = bidang("Lalu Lintas dan Angkutan Jalan", "Manajemen dan Rekayasa Lalu Lintas",
                  "Angkutan Jalan", "Keselamatan dan Pengujian Sarana")
    if provinsi:
        units = (sekretariat(), llaj,
                 bidang("Pelayaran", "Kepelabuhanan", "Lalu Lintas dan Angkutan Laut"),
                 bidang("Perkeretaapian", "Prasarana Perkeretaapian",
                        "Lalu Lintas dan Angkutan Kereta Api"))
        layanan: tuple[str, ...] = ("trayek_akdp",)
    else:
        units = (sekretariat(), llaj,
                 bidang("Sarana dan Prasarana", "Sarana Perhubungan", "Prasarana Perhubungan"),
                 uptd("Pengujian Kendaraan Bermotor"))
        layanan = ("uji_kir",)
    return OpdSpec("dishub", "Dinas Perhubungan", "Dishub", JenisOpd.DINAS,
                   "Kepala Dinas Perhubungan", units, "perhubungan", 3, layanan=layanan)


def _kepegawaian(provinsi: bool) -> OpdSpec:
    if provinsi:
        nama, singkatan = "Badan Kepegawaian Daerah", "BKD"
    else:
        nama, singkatan = ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM")
    units = (
        sekretariat(),
        bidang("Pengadaan, Pemberhentian dan Informasi", "Pengadaan dan Pemberhentian",
               "Data dan Informasi Kepegawaian"),
        bidang("Mutasi dan Promosi", "Mutasi", "Promosi dan Kepangkatan"),
        bidang("Pengembangan Kompetensi Aparatur", "Pengembangan Kompetensi Teknis",
               "Pengembangan Kompetensi Manajerial"),
        bidang("Penilaian Kinerja Aparatur dan Penghargaan", "Penilaian Kinerja",
               "Disiplin dan Penghargaan"),
    )
    return OpdSpec("bkd", nama, singkatan, JenisOpd.BADAN, f"Kepala {nama}", units,
                   "kepegawaian", 2, layanan=("pengaduan_kepegawaian", "kenaikan_pangkat",
                                              "usul_pensiun"))


def _inspektorat() -> OpdSpec:
    irban = tuple(UnitSpec(f"Inspektorat Pembantu Wilayah {w}", _B,
                           kepala=f"Inspektur Pembantu Wilayah {w}", bobot=2)
                  for w in ("I", "II", "III", "IV"))
    return OpdSpec("inspektorat", "Inspektorat", None, JenisOpd.INSPEKTORAT, "Inspektur",
                   (sekretariat(), *irban), "pengawasan", 2, layanan=("pengaduan_aparatur",))


def _dinsos(provinsi: bool) -> OpdSpec:
    units: tuple[UnitSpec, ...] = (
        sekretariat(),
        bidang("Perlindungan dan Jaminan Sosial", "Perlindungan Sosial Korban Bencana",
               "Jaminan Sosial Keluarga"),
        bidang("Rehabilitasi Sosial", "Rehabilitasi Sosial Anak dan Lanjut Usia",
               "Rehabilitasi Sosial Penyandang Disabilitas",
               "Rehabilitasi Sosial Tuna Sosial dan Korban Perdagangan Orang"),
        bidang("Pemberdayaan Sosial dan Penanganan Fakir Miskin", "Pemberdayaan Sosial",
               "Penanganan Fakir Miskin"),
    )
    if provinsi:
        units += (uptd("Pelayanan Sosial Lanjut Usia"),)
    return OpdSpec("dinsos", "Dinas Sosial", "Dinsos", JenisOpd.DINAS, "Kepala Dinas Sosial",
                   units, "sosial", 2, layanan=("dtsen", "pbi_jk"))


def _bappeda() -> OpdSpec:
    def bid(nama: str, *sub: str) -> UnitSpec:
        return bidang(nama, *sub, prefix="Subbidang")
    units = (
        sekretariat(),
        bid("Perencanaan Pembangunan Ekonomi dan Sumber Daya Alam", "Ekonomi",
            "Sumber Daya Alam"),
        bid("Perencanaan Pembangunan Pemerintahan dan Pembangunan Manusia", "Pemerintahan",
            "Pembangunan Manusia"),
        bid("Perencanaan Pembangunan Infrastruktur dan Kewilayahan", "Infrastruktur",
            "Kewilayahan"),
        bid("Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah",
            "Perencanaan Pembangunan Daerah", "Pengendalian dan Evaluasi"),
    )
    return OpdSpec("bappeda", "Badan Perencanaan Pembangunan Daerah", "Bappeda", JenisOpd.BADAN,
                   "Kepala Badan Perencanaan Pembangunan Daerah", units, "perencanaan", 2)


def _rsud() -> OpdSpec:
    def instalasi(nama: str, bobot: float = 2) -> UnitSpec:
        return UnitSpec(f"Instalasi {nama}", _S, kepala_jenis=JenisJabatan.FUNGSIONAL,
                        profil="rumah_sakit", bobot=bobot)
    units = (
        UnitSpec("Bagian Tata Usaha", JenisUnit.SEKRETARIAT, tuple(
            UnitSpec(f"Subbagian {n}", _SB) for n in (
                "Umum dan Kepegawaian", "Keuangan", "Perencanaan dan Rekam Medik"))),
        UnitSpec("Bidang Pelayanan Medik", _B, (
            *seksi("Pelayanan Medik", "Penunjang Medik"),
            instalasi("Rawat Jalan"), instalasi("Rawat Inap"), instalasi("Gawat Darurat"),
            instalasi("Bedah Sentral"), instalasi("Radiologi", 1),
            instalasi("Laboratorium Patologi Klinik", 1), instalasi("Farmasi", 1))),
        UnitSpec("Bidang Keperawatan", _B, seksi("Asuhan Keperawatan", "Mutu dan Etika Keperawatan")),
        UnitSpec("Bidang Penunjang", _B, (
            *seksi("Penunjang Nonmedik", "Sarana dan Prasarana"),
            instalasi("Gizi", 1), instalasi("Pemeliharaan Sarana Rumah Sakit", 1))),
    )
    return OpdSpec("rsud", "Rumah Sakit Umum Daerah Dr. H. Abdul Moeloek", "RSUDAM",
                   JenisOpd.RUMAH_SAKIT, "Direktur Rumah Sakit Umum Daerah Dr. H. Abdul Moeloek",
                   units, "rumah_sakit", 10, layanan=("rawat_jalan_spesialis",),
                   home="Bagian Tata Usaha")


def _satpolpp() -> OpdSpec:
    units = (
        sekretariat(),
        bidang("Penegakan Peraturan Daerah", "Pembinaan, Pengawasan dan Penyuluhan",
               "Penyelidikan dan Penyidikan"),
        bidang("Ketertiban Umum dan Ketenteraman Masyarakat", "Operasi dan Pengendalian",
               "Kerja Sama"),
        bidang("Perlindungan Masyarakat", "Satuan Perlindungan Masyarakat",
               "Bina Potensi Masyarakat"),
    )
    return OpdSpec("satpolpp", "Satuan Polisi Pamong Praja", "Satpol PP", JenisOpd.SATPOL_PP,
                   "Kepala Satuan Polisi Pamong Praja", units, "satpolpp", 4,
                   layanan=("pengaduan_trantib",))


def _kecamatan(pemda: PemdaRef, kode: str, nama: str) -> OpdSpec:
    desa = "Kelurahan" if pemda.tingkat == TingkatWilayah.KOTA else "Desa"
    units = (
        UnitSpec("Sekretariat Kecamatan", JenisUnit.SEKRETARIAT, (
            UnitSpec("Subbagian Umum dan Kepegawaian", _SB),
            UnitSpec("Subbagian Perencanaan dan Keuangan", _SB)), kepala="Sekretaris Kecamatan"),
        *seksi("Pemerintahan", "Ketenteraman dan Ketertiban Umum",
               f"Pemberdayaan Masyarakat dan {desa}", "Pelayanan Umum"),
        *(UnitSpec(f"Kelurahan {kel}", JenisUnit.KELURAHAN, kepala=f"Lurah {kel}",
                   profil="kelurahan", bobot=1.5)
          for kel in pemda.kelurahan.get(nama, ())),
    )
    layanan = ("surat_keterangan_kecamatan", "ahli_waris")
    if pemda.tingkat == TingkatWilayah.KOTA:
        layanan += ("perekaman_ktp_kecamatan",)
    return OpdSpec(f"kecamatan-{nama}", f"Kecamatan {nama}", None, JenisOpd.KECAMATAN,
                   f"Camat {nama}", units, "kecamatan", 1.5, layanan=layanan,
                   kepala_jenis=JenisJabatan.ADMINISTRATOR, home="Sekretariat Kecamatan",
                   wilayah_kode=kode)


# --- which OPDs each pemda gets ----------------------------------------------------------------

def _with_places(spec: OpdSpec, tempat: tuple[str, ...]) -> OpdSpec:
    return OpdSpec(**{**spec.__dict__, "tempat": tempat})


def opd_specs(pemda: PemdaRef) -> list[OpdSpec]:
    """The demo OPDs of one pemda, its Sekretariat Daerah first (other heads report to the Sekda)."""
    places = tuple(n for _, n in pemda.kecamatan) or (pemda.nama,)
    if pemda.tingkat == TingkatWilayah.PROVINSI:
        specs = [_setda(True), _disdik(True, "Dinas Pendidikan dan Kebudayaan", "Disdikbud"),
                 _dinkes(True), _dishub(True), _dpmptsp(False), _kepegawaian(True),
                 _inspektorat(), _dinsos(True), _bappeda(), _rsud(), _satpolpp()]
        return [_with_places(s, pemda.kabkota or places) for s in specs]
    if pemda.slug == "kota-bandar-lampung":
        specs = [_setda(False), _disdukcapil(), _dpmptsp(True),
                 _disdik(False, "Dinas Pendidikan", "Disdik"), _dinkes(False), _dishub(False),
                 _kepegawaian(False), _inspektorat(), _dinsos(False)]
        specs += [_kecamatan(pemda, kode, nama) for kode, nama in pemda.kecamatan]
    elif pemda.slug == "kota-medan":
        marelan = [(k, n) for k, n in pemda.kecamatan if n == "Medan Marelan"]
        specs = [_setda(False), _disdukcapil(), _dinkes(False)]
        specs += [_kecamatan(pemda, kode, nama) for kode, nama in marelan]
    else:
        specs = [_setda(False), _disdik(False, "Dinas Pendidikan dan Kebudayaan", "Disdikbud"),
                 _dinkes(False), _disdukcapil(), _dpmptsp(True)]
        # one kecamatan office: Salor in Lampung Selatan (the seed's kecamatan), elsewhere the
        # first listed, which is the seat of the kabupaten; the BKPSDM when none is known
        office = _office_kecamatan(pemda)
        specs.append(_kecamatan(pemda, *office) if office else _kepegawaian(False))
    return [_with_places(s, places) for s in specs]


def _office_kecamatan(pemda: PemdaRef) -> tuple[str, str] | None:
    for kode, nama in pemda.kecamatan:
        if nama == "Salor":
            return kode, nama
    return pemda.kecamatan[0] if pemda.kecamatan else None

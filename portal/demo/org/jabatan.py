"""Jabatan fungsional and pelaksana of the demo staff, by kind of unit, with the academic titles
that go with them. Jenjang follow golongan the way the jabatan fungsional rules pair them."""

from __future__ import annotations

from dataclasses import dataclass

from portal.org.models import GOLONGAN_PNS, JenisJabatan


@dataclass(frozen=True)
class Fungsional:
    nama: str
    #: keahlian jenjang (Ahli Pertama/Muda/Madya)
    ahli: bool = True
    #: keterampilan jenjang (Terampil/Mahir/Penyelia)
    terampil: bool = False
    gelar_ahli: tuple[str, ...] = ("S.E.", "S.Sos.")
    gelar_terampil: tuple[str, ...] = ("A.Md.",)
    #: a title written before the name: dr., drg., apt.
    depan: str = ""
    #: share of women in this profession
    perempuan: float = 0.5
    #: a master's title some of the senior ones carry
    magister: tuple[str, ...] = ("M.Si.", "M.M.")


@dataclass(frozen=True)
class Profil:
    """Who works in a unit: how many are fungsional (and which), the pelaksana jabatan, how many
    are PPPK, and the degrees its structural heads typically hold."""

    fungsional: tuple[tuple[Fungsional, float], ...]
    porsi_fungsional: float
    pppk: float
    gelar_struktural: tuple[str, ...] = ("S.E.", "S.Sos.", "S.H.", "S.IP.", "S.AP.", "S.Kom.")
    #: the profession whose titles a fungsional head (kepala sekolah, kepala instalasi) carries
    kepala: Fungsional | None = None
    pelaksana: tuple[str, ...] = ()


PELAKSANA = ("Pengadministrasi Perkantoran", "Penata Layanan Operasional",
             "Pengelola Layanan Operasional", "Operator Layanan Operasional",
             "Pengelola Umum Operasional")

_KES = ("M.Kes.", "M.K.M.")

GURU = Fungsional("Guru", gelar_ahli=("S.Pd.",), perempuan=0.65, magister=("M.Pd.",))
PUSTAKAWAN = Fungsional("Pustakawan", terampil=True, gelar_ahli=("S.IIP.", "S.Hum."))
PLP = Fungsional("Pranata Laboratorium Pendidikan", terampil=True, gelar_ahli=("S.Si.",))
PENGAWAS_SEKOLAH = Fungsional("Pengawas Sekolah", gelar_ahli=("S.Pd.",), magister=("M.Pd.",))
PAMONG_BELAJAR = Fungsional("Pamong Belajar", gelar_ahli=("S.Pd.",), magister=("M.Pd.",))
PAMONG_BUDAYA = Fungsional("Pamong Budaya", gelar_ahli=("S.S.", "S.Hum."))
DOKTER = Fungsional("Dokter", gelar_ahli=("",), depan="dr.", perempuan=0.6, magister=_KES)
DOKTER_SPESIALIS = Fungsional("Dokter", gelar_ahli=("Sp.PD.", "Sp.A.", "Sp.OG.", "Sp.B.",
                                                    "Sp.An.", "Sp.Rad.", "Sp.JP.", "Sp.N."),
                              depan="dr.", perempuan=0.45, magister=())
DOKTER_GIGI = Fungsional("Dokter Gigi", gelar_ahli=("",), depan="drg.", perempuan=0.7,
                         magister=_KES)
PERAWAT = Fungsional("Perawat", terampil=True, gelar_ahli=("S.Kep., Ns.",),
                     gelar_terampil=("A.Md.Kep.",), perempuan=0.7, magister=("M.Kep.",))
BIDAN = Fungsional("Bidan", terampil=True, gelar_ahli=("S.Tr.Keb.",),
                   gelar_terampil=("A.Md.Keb.",), perempuan=1.0, magister=("M.Keb.",))
APOTEKER = Fungsional("Apoteker", gelar_ahli=("S.Farm.",), depan="apt.", perempuan=0.75,
                      magister=("M.Farm.",))
ASISTEN_APOTEKER = Fungsional("Asisten Apoteker", ahli=False, terampil=True,
                              gelar_terampil=("A.Md.Farm.",), perempuan=0.75)
SANITASI = Fungsional("Tenaga Sanitasi Lingkungan", terampil=True, gelar_ahli=("S.KM.",),
                      gelar_terampil=("A.Md.KL.",), magister=_KES)
NUTRISIONIS = Fungsional("Nutrisionis", terampil=True, gelar_ahli=("S.Gz.",),
                         gelar_terampil=("A.Md.Gz.",), perempuan=0.85, magister=_KES)
PLK = Fungsional("Pranata Laboratorium Kesehatan", terampil=True, gelar_ahli=("S.Tr.Kes.",),
                 gelar_terampil=("A.Md.AK.",), perempuan=0.65)
PENYULUH_KESEHATAN = Fungsional("Penyuluh Kesehatan Masyarakat", gelar_ahli=("S.KM.",),
                                perempuan=0.6, magister=_KES)
EPIDEMIOLOG = Fungsional("Epidemiolog Kesehatan", gelar_ahli=("S.KM.",), magister=("M.Epid.",))
ADMINKES = Fungsional("Administrator Kesehatan", gelar_ahli=("S.KM.",), magister=_KES)
PEREKAM_MEDIS = Fungsional("Perekam Medis", terampil=True, gelar_ahli=("S.Tr.Kes.",),
                           gelar_terampil=("A.Md.Kes.",), perempuan=0.65)
RADIOGRAFER = Fungsional("Radiografer", terampil=True, gelar_ahli=("S.Tr.Rad.",),
                         gelar_terampil=("A.Md.Rad.",), perempuan=0.4)
FISIOTERAPIS = Fungsional("Fisioterapis", terampil=True, gelar_ahli=("S.Ft.",),
                          gelar_terampil=("A.Md.Ftr.",), perempuan=0.6)
PRAKOM = Fungsional("Pranata Komputer", terampil=True, gelar_ahli=("S.Kom.", "S.T."),
                    gelar_terampil=("A.Md.Kom.",), perempuan=0.4, magister=("M.Kom.", "M.T.I."))
ARSIPARIS = Fungsional("Arsiparis", terampil=True, gelar_ahli=("S.Sos.", "S.Hum."))
ANALIS_KEBIJAKAN = Fungsional("Analis Kebijakan", gelar_ahli=("S.IP.", "S.Sos.", "S.E."))
PERENCANA = Fungsional("Perencana", gelar_ahli=("S.E.", "S.T.", "S.P.", "S.Si."))
AKPD = Fungsional("Analis Keuangan Pusat dan Daerah", gelar_ahli=("S.E.", "S.Ak."),
                  magister=("M.Ak.", "M.M."))
HUMAS = Fungsional("Pranata Hubungan Masyarakat", terampil=True, gelar_ahli=("S.I.Kom.",))
ANALIS_SDM = Fungsional("Analis Sumber Daya Manusia Aparatur", gelar_ahli=("S.Psi.", "S.Sos.",
                                                                          "S.E."))
ASESOR = Fungsional("Asesor Sumber Daya Manusia Aparatur", gelar_ahli=("S.Psi.",),
                    magister=("M.Psi.",))
ADB_KEPENDUDUKAN = Fungsional("Administrator Database Kependudukan", gelar_ahli=("S.Kom.", "S.T."),
                              magister=("M.Kom.",))
AUDITOR = Fungsional("Auditor", gelar_ahli=("S.E.", "S.Ak."), magister=("M.Ak.",))
P2UPD = Fungsional("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah",
                   gelar_ahli=("S.H.", "S.IP.", "S.E."))
PEKSOS = Fungsional("Pekerja Sosial", terampil=True, gelar_ahli=("S.Sos.", "S.Tr.Sos."),
                    perempuan=0.6)
PENYULUH_SOSIAL = Fungsional("Penyuluh Sosial", gelar_ahli=("S.Sos.",))
PENGUJI_KENDARAAN = Fungsional("Penguji Kendaraan Bermotor", terampil=True, gelar_ahli=("S.T.",),
                               gelar_terampil=("A.Md.T.",), perempuan=0.1)
POLPP = Fungsional("Polisi Pamong Praja", terampil=True, gelar_ahli=("S.H.",), gelar_terampil=("",),
                   perempuan=0.2, magister=("M.H.",))
ANALIS_HUKUM = Fungsional("Analis Hukum", gelar_ahli=("S.H.",), magister=("M.H.",))
PERANCANG = Fungsional("Perancang Peraturan Perundang-undangan", gelar_ahli=("S.H.",),
                       magister=("M.H.",))
STATISTISI = Fungsional("Statistisi", terampil=True, gelar_ahli=("S.Stat.", "S.Si."))

_UMUM = ((ANALIS_KEBIJAKAN, 2), (PRAKOM, 2), (ARSIPARIS, 1), (PERENCANA, 1), (AKPD, 2),
         (ANALIS_SDM, 1), (HUMAS, 1))
_GELAR_KES = ("S.KM.", "S.Kep., Ns.", "S.Farm.")

PROFILES: dict[str, Profil] = {
    "umum": Profil(_UMUM, 0.3, 0.22),
    "setda": Profil(((ANALIS_HUKUM, 2), (PERANCANG, 2), (ANALIS_KEBIJAKAN, 3), (HUMAS, 1),
                     (AKPD, 1), (ARSIPARIS, 1)), 0.35, 0.1,
                    ("S.H.", "S.IP.", "S.Sos.", "S.E.", "S.STP.")),
    "kependudukan": Profil(((ADB_KEPENDUDUKAN, 3), (PRAKOM, 2), (ARSIPARIS, 1),
                            (ANALIS_KEBIJAKAN, 1)), 0.35, 0.22),
    "perizinan": Profil(((ANALIS_KEBIJAKAN, 2), (PRAKOM, 2), (ARSIPARIS, 1)), 0.3, 0.22),
    "pendidikan": Profil(((PENGAWAS_SEKOLAH, 2), (PAMONG_BELAJAR, 1), (ANALIS_KEBIJAKAN, 1),
                          (PRAKOM, 1)), 0.4, 0.22, ("S.Pd.", "S.Pd.", "S.E.")),
    "kebudayaan": Profil(((PAMONG_BUDAYA, 3), (PUSTAKAWAN, 1), (ARSIPARIS, 1)), 0.5, 0.22,
                         ("S.S.", "S.Hum.", "S.Pd.")),
    "sekolah": Profil(((GURU, 20), (PUSTAKAWAN, 1), (PLP, 1)), 0.88, 0.27, ("S.Pd.",), GURU,
                      ("Pengadministrasi Perkantoran", "Operator Layanan Operasional",
                       "Pengelola Umum Operasional")),
    "kesehatan": Profil(((EPIDEMIOLOG, 2), (ADMINKES, 2), (PENYULUH_KESEHATAN, 2), (SANITASI, 1),
                         (NUTRISIONIS, 1), (APOTEKER, 1), (PRAKOM, 1)), 0.45, 0.22, _GELAR_KES),
    "puskesmas": Profil(((PERAWAT, 8), (BIDAN, 7), (DOKTER, 2), (DOKTER_GIGI, 0.7),
                         (APOTEKER, 0.6), (ASISTEN_APOTEKER, 1), (SANITASI, 1), (NUTRISIONIS, 1),
                         (PLK, 1), (PENYULUH_KESEHATAN, 1), (PEREKAM_MEDIS, 1)), 0.85, 0.25,
                        _GELAR_KES, DOKTER),
    "rumah_sakit": Profil(((PERAWAT, 12), (BIDAN, 2), (DOKTER_SPESIALIS, 2), (DOKTER, 1.5),
                           (DOKTER_GIGI, 0.4), (APOTEKER, 1), (ASISTEN_APOTEKER, 1.5),
                           (RADIOGRAFER, 1), (PLK, 1.5), (NUTRISIONIS, 1), (PEREKAM_MEDIS, 1.5),
                           (FISIOTERAPIS, 0.7)), 0.85, 0.25, _GELAR_KES, DOKTER_SPESIALIS),
    "perhubungan": Profil(((PENGUJI_KENDARAAN, 4), (ANALIS_KEBIJAKAN, 1), (PRAKOM, 1)), 0.35, 0.22,
                          ("S.T.", "S.E.", "S.SiT.", "S.Sos.")),
    "kepegawaian": Profil(((ANALIS_SDM, 4), (ASESOR, 1), (PRAKOM, 1), (ARSIPARIS, 1)), 0.45, 0.1,
                          ("S.Psi.", "S.Sos.", "S.E.", "S.IP.")),
    "pengawasan": Profil(((AUDITOR, 3), (P2UPD, 3)), 0.8, 0.05, ("S.E.", "S.Ak.", "S.H.")),
    "sosial": Profil(((PEKSOS, 3), (PENYULUH_SOSIAL, 2)), 0.4, 0.22, ("S.Sos.", "S.Sos.", "S.E.")),
    "perencanaan": Profil(((PERENCANA, 5), (STATISTISI, 1), (ANALIS_KEBIJAKAN, 1)), 0.55, 0.1,
                          ("S.E.", "S.T.", "S.P.", "S.Si.")),
    "satpolpp": Profil(((POLPP, 10), (ANALIS_KEBIJAKAN, 1)), 0.7, 0.22, ("S.H.", "S.Sos.", "S.IP.")),
    "kecamatan": Profil(((ANALIS_KEBIJAKAN, 1), (PRAKOM, 1), (ARSIPARIS, 1)), 0.15, 0.22,
                        ("S.STP.", "S.IP.", "S.Sos.", "S.AP.")),
    "kelurahan": Profil(((ANALIS_KEBIJAKAN, 1),), 0.05, 0.22, ("S.STP.", "S.IP.", "S.Sos.")),
}

# --- golongan ----------------------------------------------------------------------------------

_G = {g: i for i, g in enumerate(GOLONGAN_PNS)}
#: golongan range of each kind of structural head
RANGE_KEPALA = {
    JenisJabatan.JPT: ("IV/c", "IV/e"),
    JenisJabatan.ADMINISTRATOR: ("IV/a", "IV/b"),
    JenisJabatan.PENGAWAS: ("III/c", "III/d"),
    JenisJabatan.FUNGSIONAL: ("IV/a", "IV/b"),
}
RANGE_AHLI = ("III/a", "IV/a")
RANGE_TERAMPIL = ("II/c", "III/d")
RANGE_PELAKSANA = ("II/a", "III/b")


def golongan_pns(entry: str, masa_kerja: int, lo: str, hi: str) -> str:
    """A PNS rises about one step every four years (kenaikan pangkat reguler) from the golongan
    their diploma entered them at, within the range the jabatan allows."""
    index = _G[entry] + masa_kerja // 4
    return GOLONGAN_PNS[max(_G[lo], min(_G[hi], index))]


def jenjang(golongan: str, ahli: bool) -> str:
    ruang = golongan.split("/")[0]
    step = _G[golongan]
    if ahli:
        return ("Ahli Pertama" if step < _G["III/c"] else
                "Ahli Muda" if step < _G["IV/a"] else "Ahli Madya")
    return "Terampil" if ruang == "II" else "Mahir" if step < _G["III/c"] else "Penyelia"


#: PPPK golongan by jenjang, the usual pairing at appointment
PPPK_JENJANG = {"Ahli Pertama": "IX", "Ahli Muda": "XI", "Ahli Madya": "XIII",
                "Terampil": "VII", "Mahir": "VIII", "Penyelia": "IX"}
#: PPPK pelaksana by diploma: SMA, D-III, S-1
PPPK_PELAKSANA = ("V", "VII", "IX")

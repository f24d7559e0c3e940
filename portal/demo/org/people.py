"""Demo people: Indonesian names in the naming styles found among ASN in Lampung and Medan,
academic titles that fit the jabatan, and valid unique NIPs. Deterministic for a given
``random.Random``; nothing here reads the clock."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date
from typing import TypeVar

from portal.demo.org.jabatan import (
    PELAKSANA,
    PPPK_JENJANG,
    PPPK_PELAKSANA,
    RANGE_AHLI,
    RANGE_KEPALA,
    RANGE_PELAKSANA,
    RANGE_TERAMPIL,
    Fungsional,
    Profil,
    golongan_pns,
    jenjang,
)
from portal.org.models import JenisJabatan, StatusAsn
from portal.org.nip import make_nip

T = TypeVar("T")

# Each style: (male given names, female given names, second names or marga, female second names).
# An empty female second-name list reuses the first.
_STYLES: dict[str, tuple[tuple[str, ...], ...]] = {
    "jawa": (
        ("Agus", "Budi", "Joko", "Slamet", "Sugeng", "Bambang", "Heru", "Wahyu", "Eko", "Dwi",
         "Tri", "Teguh", "Sutrisno", "Suparman", "Hadi", "Yudi", "Aris", "Arif", "Dedi", "Rudi",
         "Adi", "Bayu", "Galih", "Anang", "Sigit", "Suryadi", "Widodo", "Purwanto", "Sarwono"),
        ("Sri", "Endang", "Dewi", "Rina", "Wulan", "Ratna", "Puji", "Yuni", "Retno", "Tutik",
         "Winarti", "Sulastri", "Indah", "Ayu", "Kartika", "Dwi", "Tri", "Eka", "Sumarni",
         "Suparmi", "Rini", "Wiwik", "Yeni", "Lestari", "Anik", "Erna", "Ika"),
        ("Setiawan", "Santoso", "Prasetyo", "Nugroho", "Wibowo", "Purnomo", "Susanto", "Hartono",
         "Kurniawan", "Cahyono", "Wijaya", "Raharjo", "Suharto", "Supriyadi", "Widodo",
         "Saputro", "Utomo", "Hidayat", "Prabowo", "Sudarsono"),
        ("Lestari", "Rahayu", "Handayani", "Astuti", "Wahyuni", "Sulistyowati", "Kurniasari",
         "Widyastuti", "Susilowati", "Purwaningsih", "Wulandari", "Setyaningsih", "Rahmawati",
         "Puspitasari", "Pratiwi", "Anggraini", "Utami", "Hastuti"),
    ),
    "sunda": (
        ("Asep", "Dadang", "Ujang", "Cecep", "Dede", "Yayan", "Ade", "Iwan", "Nanang", "Deden",
         "Hendra", "Yana", "Aep", "Jajang", "Ruhiyat", "Engkus"),
        ("Euis", "Neneng", "Imas", "Cucu", "Enok", "Yeni", "Lilis", "Nining", "Eneng", "Ai",
         "Titin", "Rina", "Tati", "Dedeh"),
        ("Suryana", "Hidayat", "Permana", "Sutisna", "Kusnadi", "Rahmat", "Gunawan", "Sopandi",
         "Saepudin", "Hermawan", "Sumarna", "Ruhimat", "Mulyana"),
        ("Nurhasanah", "Rohaeti", "Kurniasih", "Mulyani", "Nurjanah", "Rosmiati", "Sumiati",
         "Komalasari", "Rahmawati"),
    ),
    "lampung": (  # Lampung and Malay names, many with -syah
        ("Syahrial", "Herwansyah", "Firmansyah", "Rusdiansyah", "Hermansyah", "Nasrullah",
         "Ismail", "Zainal", "Mukhlis", "Arizal", "Yusuf", "Rizal", "Herman", "Hasanudin",
         "Irwansyah", "Khaidir", "Mursalin", "Edwin", "Fahrizal", "Ridho", "Yusran"),
        ("Yulinda", "Herlina", "Rosmiyati", "Fitriyani", "Marlina", "Novita", "Yuliana", "Nurhayati",
         "Meliana", "Desi", "Lina", "Rosdiana", "Yusnani", "Sartika", "Rosita", "Hartati"),
        ("Effendi", "Hasan", "Syahputra", "Umar", "Zulkarnain", "Hanafiah", "Ibrahim", "Saleh",
         "Hamzah", "Abdullah", "Junaidi", "Saputra", "Akbar", "Rahman"),
        ("Sari", "Oktaviani", "Yanti", "Susanti", "Fitriani", "Apriyani", "Damayanti", "Agustina",
         "Novianti", "Permatasari"),
    ),
    "minang": (
        ("Afrizal", "Yusrizal", "Zulkifli", "Syafrudin", "Asrul", "Fadli", "Hendri", "Novrizal",
         "Zulfikar", "Efrizal", "Yulizar", "Desrizal", "Alfian", "Jasril", "Rahmat"),
        ("Yenni", "Desfitri", "Elfira", "Nelmawati", "Yusnita", "Rosmaniar", "Ernawati",
         "Fitrianis", "Yulisna", "Desmawati", "Rahmi", "Silvia", "Meri"),
        ("Putra", "Yunus", "Syamsuddin", "Chaniago", "Piliang", "Tanjung", "Koto", "Sikumbang",
         "Jambak", "Melayu"),
        ("Marlina", "Yanti", "Sari", "Rahmadani", "Fitri", "Wahyuni", "Novita"),
    ),
    "batak": (  # Toba, Karo and Mandailing marga
        ("Maruli", "Togar", "Parlindungan", "Hotman", "Binsar", "Sahat", "Ronald", "Daniel",
         "Lamhot", "Horas", "Jonner", "Mangasi", "Saut", "Tumpal", "Roy", "Hendrik", "Benny",
         "Ahmad Rizal", "Muhammad Ridwan", "Irwan"),
        ("Rosmawati", "Lasmaria", "Tiurma", "Romauli", "Debora", "Ester", "Ruth", "Sondang",
         "Nurhayati", "Dewi", "Melva", "Friska", "Yohana", "Rosdiana", "Nur Aisyah", "Lenny"),
        ("Siregar", "Simanjuntak", "Hutagalung", "Nasution", "Harahap", "Lubis", "Sitompul",
         "Situmorang", "Panjaitan", "Sinaga", "Simatupang", "Pardede", "Hutapea", "Manurung",
         "Pasaribu", "Sihombing", "Tambunan", "Tampubolon", "Ginting", "Sembiring", "Tarigan",
         "Damanik", "Purba", "Saragih", "Hasibuan", "Pulungan"),
        (),
    ),
    "islam": (
        ("Muhammad", "Ahmad", "Abdul Rahman", "Rizki", "Fauzan", "Hafiz", "Ilham", "Ikhsan",
         "Luthfi", "Zainal Abidin", "Fajar", "Hamdan", "Syaiful", "Nur Hadi", "Imam", "Arif",
         "Taufik", "Faisal", "Ridwan", "Ahmad Fauzi"),
        ("Siti", "Nur", "Nurul", "Khairunnisa", "Fatimah", "Aminah", "Annisa", "Aisyah", "Zahra",
         "Laila", "Rahmah", "Halimah", "Maryam", "Nadia", "Salma", "Hasanah"),
        ("Hidayat", "Ramadhan", "Fauzi", "Hakim", "Maulana", "Syahputra", "Firdaus", "Rahman",
         "Ibrahim", "Hidayatullah", "Mubarok", "Ismail", "Al Farisi", "Rasyid"),
        ("Aisyah", "Fadilah", "Hidayah", "Rahmawati", "Khasanah", "Azizah", "Maulida", "Hasanah",
         "Nurjanah", "Zakiyah", "Ramadhani", "Fitriani"),
    ),
}

#: names that stand alone in the register, as many older ASN carry a single name
_SINGLE = frozenset({
    "Sutrisno", "Suparman", "Suryadi", "Widodo", "Purwanto", "Sarwono", "Slamet", "Sugeng",
    "Sumarni", "Suparmi", "Sulastri", "Winarti", "Tutik", "Khaidir", "Mursalin", "Herwansyah",
    "Firmansyah", "Hermansyah", "Rusdiansyah", "Irwansyah", "Syahrial", "Hasanudin", "Afrizal",
    "Yusrizal", "Zulkifli", "Efrizal", "Yulizar", "Desrizal", "Jasril", "Desfitri", "Nelmawati",
    "Rosmaniar", "Ernawati", "Yusnita", "Rosmiyati", "Yulinda", "Herlina", "Fitriyani",
    "Marlina", "Nurhayati", "Ruhiyat", "Engkus", "Dedeh"})

#: how common each style is among ASN of a region
GAYA_LAMPUNG = (("jawa", 45), ("lampung", 22), ("islam", 15), ("sunda", 9), ("minang", 5),
                ("batak", 4))
GAYA_MEDAN = (("batak", 42), ("jawa", 22), ("islam", 14), ("lampung", 10), ("minang", 12))

_GELAR_UMUM_S1 = ("S.E.", "S.Sos.", "S.AP.", "S.H.", "S.Kom.", "S.I.Kom.", "S.Pd.")
#: the master's degrees that usually follow a bachelor's, for structural heads
_MAGISTER = {"S.H.": ("M.H.",), "S.E.": ("M.M.", "M.Si.", "M.Ak."), "S.Ak.": ("M.Ak.", "M.M."),
             "S.T.": ("M.T.", "M.M."), "S.Kom.": ("M.Kom.", "M.T.I."), "S.Pd.": ("M.Pd.",),
             "S.Psi.": ("M.Psi.", "M.Si."), "S.KM.": ("M.Kes.", "M.K.M."),
             "S.Kep., Ns.": ("M.Kep.", "M.Kes."), "S.Farm.": ("M.Farm.", "M.Kes.")}
_MAGISTER_UMUM = ("M.Si.", "M.M.", "M.AP.")
_TMT_BULAN = (1, 1, 1, 3, 3, 4, 4, 12, 12, 2, 5, 6, 7, 8, 9, 10, 11)
_PEREMPUAN_KEPALA = {JenisJabatan.JPT: 0.2, JenisJabatan.ADMINISTRATOR: 0.3,
                     JenisJabatan.PENGAWAS: 0.4, JenisJabatan.FUNGSIONAL: 0.55}
#: age range at the reference date of each kind of jabatan
_USIA = {JenisJabatan.JPT: (46, 58), JenisJabatan.ADMINISTRATOR: (38, 57),
         JenisJabatan.PENGAWAS: (32, 56), JenisJabatan.FUNGSIONAL: (23, 58),
         JenisJabatan.PELAKSANA: (22, 57)}
_USIA_PPPK = (25, 56)
#: first PPPK were appointed (TMT) from 2022 on
_PPPK_SEJAK = 2022


class PeopleFactory:
    """Makes pegawai rows (without ids). NIPs are unique across the factory's lifetime and
    against the ``used`` set it is given (the NIPs already in the database)."""

    def __init__(self, rng: random.Random, reference: date, used: set[int],
                 gaya: tuple[tuple[str, int], ...] = GAYA_LAMPUNG) -> None:
        self.rng = rng
        self.reference = reference
        self.used = used
        self.set_gaya(gaya)

    def set_gaya(self, gaya: tuple[tuple[str, int], ...]) -> None:
        self._gaya_names = [name for name, _ in gaya]
        self._gaya_cum = []
        total = 0
        for _, weight in gaya:
            total += weight
            self._gaya_cum.append(total)

    # --- whole people ----------------------------------------------------------------------

    def kepala(self, jabatan: str, jenis: JenisJabatan, profil: Profil,
               golongan_range: tuple[str, str] | None = None) -> dict:
        """A unit or OPD head; ``jenis`` FUNGSIONAL is a kepala sekolah or kepala instalasi."""
        rng = self.rng
        perempuan = rng.random() < _PEREMPUAN_KEPALA[jenis]
        lahir = self._lahir(*_USIA[jenis] if jenis != JenisJabatan.FUNGSIONAL else (40, 58))
        tahun, bulan = self._tmt_pns(lahir, 22, 30)
        lo, hi = golongan_range or RANGE_KEPALA[jenis]
        golongan = golongan_pns("III/a", self.reference.year - tahun, lo, hi)
        if jenis == JenisJabatan.FUNGSIONAL and profil.kepala is not None:
            nama = self._nama_fungsional(perempuan, profil.kepala, True, senior=True)
        else:
            nama = self._nama_struktural(perempuan, profil, lahir, jenis)
        return self._row(lahir, tahun, bulan, perempuan, nama, jabatan, jenis, golongan,
                         StatusAsn.PNS)

    def staf(self, profil: Profil) -> dict:
        rng = self.rng
        pppk = rng.random() < profil.pppk
        if rng.random() < profil.porsi_fungsional:
            return self._fungsional(profil, pppk)
        return self._pelaksana(profil, pppk)

    def _fungsional(self, profil: Profil, pppk: bool) -> dict:
        rng = self.rng
        jf = _weighted(rng, profil.fungsional)
        ahli = jf.ahli and (not jf.terampil or rng.random() < 0.55)
        perempuan = rng.random() < jf.perempuan
        if pppk:
            lahir = self._lahir(*_USIA_PPPK)
            tahun, bulan = self._tmt_pppk()
            level = (("Ahli Pertama" if rng.random() < 0.85 else "Ahli Muda") if ahli
                     else ("Terampil" if rng.random() < 0.8 else "Mahir"))
            golongan, status = PPPK_JENJANG[level], StatusAsn.PPPK
        else:
            lahir = self._lahir(*_USIA[JenisJabatan.FUNGSIONAL])
            tahun, bulan = self._tmt_pns(lahir, 22 if ahli else 21, 35)
            entry, (lo, hi) = ("III/a", RANGE_AHLI) if ahli else ("II/c", RANGE_TERAMPIL)
            golongan = golongan_pns(entry, self.reference.year - tahun, lo, hi)
            level, status = jenjang(golongan, ahli), StatusAsn.PNS
        senior = level in ("Ahli Muda", "Ahli Madya")
        nama = self._nama_fungsional(perempuan, jf, ahli, senior)
        return self._row(lahir, tahun, bulan, perempuan, nama, f"{jf.nama} {level}",
                         JenisJabatan.FUNGSIONAL, golongan, status)

    def _pelaksana(self, profil: Profil, pppk: bool) -> dict:
        rng = self.rng
        perempuan = rng.random() < 0.45
        ijazah = _weighted(rng, ((0, 60), (1, 15), (2, 25)))  # SMA, D-III, S-1
        if pppk:
            lahir = self._lahir(*_USIA_PPPK)
            tahun, bulan = self._tmt_pppk()
            golongan, status = PPPK_PELAKSANA[ijazah], StatusAsn.PPPK
        else:
            lahir = self._lahir(*_USIA[JenisJabatan.PELAKSANA])
            tahun, bulan = self._tmt_pns(lahir, 20 + ijazah, 35)
            entry = ("II/a", "II/c", "III/a")[ijazah]
            golongan = golongan_pns(entry, self.reference.year - tahun, *RANGE_PELAKSANA)
            status = StatusAsn.PNS
        gelar = ("", "A.Md.", rng.choice(_GELAR_UMUM_S1))[ijazah]
        nama = _with_titles(self.nama(perempuan), "", (gelar,) if gelar else ())
        jabatan = rng.choice(profil.pelaksana or PELAKSANA)
        return self._row(lahir, tahun, bulan, perempuan, nama, jabatan, JenisJabatan.PELAKSANA,
                         golongan, status)

    def _row(self, lahir: date, tahun: int, bulan: int, perempuan: bool, nama: str, jabatan: str,
             jenis: JenisJabatan, golongan: str, status: StatusAsn) -> dict:
        return {"nip": self._nip(lahir, tahun, bulan, perempuan), "nama": nama,
                "jabatan": jabatan, "jenis_jabatan": jenis, "golongan": golongan,
                "status_asn": status}

    # --- names -----------------------------------------------------------------------------

    def nama(self, perempuan: bool) -> str:
        rng = self.rng
        style = self._gaya_names[_bisect(self._gaya_cum, rng.random() * self._gaya_cum[-1])]
        male, female, second, second_f = _STYLES[style]
        given = rng.choice(female if perempuan else male)
        if style == "batak":
            marga = rng.choice(second)
            # a Batak woman often writes "br." (boru) before her father's marga
            return f"{given} br. {marga}" if perempuan and rng.random() < 0.3 else f"{given} {marga}"
        if given in _SINGLE and rng.random() < 0.5:
            return given
        pool = second_f if perempuan and second_f else second
        last = rng.choice(pool)
        return given if last == given else f"{given} {last}"

    def _nama_fungsional(self, perempuan: bool, jf: Fungsional, ahli: bool, senior: bool) -> str:
        rng = self.rng
        gelar = [rng.choice(jf.gelar_ahli if ahli else jf.gelar_terampil or ("",))]
        if senior and jf.magister and rng.random() < 0.3:
            gelar.append(rng.choice(jf.magister))
        return _with_titles(self.nama(perempuan), jf.depan if ahli else "", [g for g in gelar if g])

    def _nama_struktural(self, perempuan: bool, profil: Profil, lahir: date,
                         jenis: JenisJabatan) -> str:
        rng = self.rng
        depan, gelar = "", []
        if lahir.year < 1972 and rng.random() < 0.3:  # pre-1990s degrees: Drs./Dra./Ir.
            depan = rng.choice(("Dra." if perempuan else "Drs.", "Ir."))
        else:
            health = "S.KM." in profil.gelar_struktural
            if health and rng.random() < 0.35:
                depan = "dr."  # health offices are often led by physicians
            else:
                gelar.append(rng.choice(profil.gelar_struktural))
        master_odds = {JenisJabatan.JPT: 0.85, JenisJabatan.ADMINISTRATOR: 0.6}.get(jenis, 0.35)
        if rng.random() < master_odds:
            bachelor = gelar[0] if gelar else "S.KM." if depan == "dr." else ""
            gelar.append(rng.choice(_MAGISTER.get(bachelor, _MAGISTER_UMUM)))
        return _with_titles(self.nama(perempuan), depan, gelar)

    # --- dates and NIP ---------------------------------------------------------------------

    def _lahir(self, lo: int, hi: int) -> date:
        """A birth date giving an age from ``lo`` to ``hi`` years at the reference date."""
        ref = self.reference.toordinal()
        return date.fromordinal(ref - self.rng.randint(int(lo * 365.25) + 1,
                                                        int((hi + 1) * 365.25) - 2))

    def _tmt_pns(self, lahir: date, min_age: int, max_age: int) -> tuple[int, int]:
        """CPNS appointment: between ``min_age`` and ``max_age``, always before the reference
        year, so the NIP is never dated in the future."""
        last = self.reference.year - 1
        top = min(lahir.year + max_age, last)
        first = min(lahir.year + min_age, top)
        return self.rng.randint(first, top), self.rng.choice(_TMT_BULAN)

    def _tmt_pppk(self) -> tuple[int, int]:
        return (self.rng.randint(_PPPK_SEJAK, self.reference.year - 1),
                self.rng.choice((1, 3, 4, 7, 10, 12)))

    def _nip(self, lahir: date, tahun: int, bulan: int, perempuan: bool) -> str:
        # most sequences are small: few people share a birth date, appointment month and sex
        urutan = 1 + int(self.rng.random() ** 4 * 12)
        gender = "P" if perempuan else "L"
        while True:
            nip = make_nip(lahir, tahun, bulan, gender, urutan)
            key = int(nip)
            if key not in self.used:
                self.used.add(key)
                return nip
            urutan += 1
            if urutan > 999:  # practically unreachable: move to the next appointment month
                urutan, bulan = 1, bulan % 12 + 1


def _weighted(rng: random.Random, options: Sequence[tuple[T, float]]) -> T:
    total = sum(w for _, w in options)
    pick = rng.random() * total
    for value, weight in options:
        pick -= weight
        if pick < 0:
            return value
    return options[-1][0]


def _bisect(cumulative: list[int], value: float) -> int:
    for i, edge in enumerate(cumulative):
        if value < edge:
            return i
    return len(cumulative) - 1


def _with_titles(nama: str, depan: str, gelar: Sequence[str]) -> str:
    """Titles the way Indonesian documents write them: "dr. Rina Marlina, M.Kes."."""
    text = f"{depan} {nama}" if depan else nama
    return ", ".join([text, *gelar]) if gelar else text

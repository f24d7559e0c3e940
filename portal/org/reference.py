"""Reference data: the wilayah tree and the pemda the portal serves out of the box.

Provinsi and kabupaten/kota codes are the Kemendagri codes. Kecamatan and kelurahan are real
names (every kecamatan of Lampung, those of Kota Medan, the kelurahan of a few of them), but their
codes are numbered in the order listed here: the portal uses ``kode`` as a stable identifier, and
the demo does not claim these are the official Kemendagri numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from portal.extensions import db
from portal.org.models import Pemda, TingkatWilayah, Wilayah


@dataclass(frozen=True)
class KabKota:
    kode: str
    nama: str
    tingkat: TingkatWilayah
    kecamatan: tuple[str, ...] = ()
    #: a kecamatan placed here with a code outside the official numbering (see Salor)
    kecamatan_tambahan: tuple[tuple[str, str], ...] = ()
    #: whether this kabupaten/kota is a pemda on the portal
    pemda: bool = True
    #: population in thousands (Sensus Penduduk 2020, rounded); sizes the demo only
    penduduk_ribu: int = 0


@dataclass(frozen=True)
class Provinsi:
    kode: str
    nama: str
    kabkota: tuple[KabKota, ...]
    pemda: bool = True


_KAB = TingkatWilayah.KABUPATEN
_KOTA = TingkatWilayah.KOTA

LAMPUNG = Provinsi("18", "Lampung", (
    KabKota("18.01", "Lampung Barat", _KAB, (
        "Balik Bukit", "Sukau", "Belalau", "Sekincau", "Suoh", "Batu Brak", "Way Tenong",
        "Sumber Jaya", "Air Hitam", "Gedung Surian", "Kebun Tebu", "Lumbok Seminung",
        "Bandar Negeri Suoh", "Pagar Dewa", "Batu Ketulis",
    ), penduduk_ribu=302),
    KabKota("18.02", "Tanggamus", _KAB, (
        "Kota Agung", "Kota Agung Barat", "Kota Agung Timur", "Wonosobo", "Semaka",
        "Talang Padang", "Pulau Panggung", "Gisting", "Cukuh Balak", "Pugung", "Ulu Belu",
        "Pematang Sawa", "Kelumbayan", "Kelumbayan Barat", "Sumberejo", "Bandar Negeri Semuong",
        "Air Naningan", "Gunung Alip", "Limau", "Bulok",
    ), penduduk_ribu=640),
    KabKota("18.03", "Lampung Selatan", _KAB, (
        "Natar", "Jati Agung", "Tanjung Bintang", "Tanjung Sari", "Katibung", "Merbau Mataram",
        "Way Sulan", "Sidomulyo", "Candipuro", "Way Panji", "Kalianda", "Rajabasa", "Palas",
        "Sragi", "Penengahan", "Ketapang", "Bakauheni",
    ),
        # Seed 004 places "Salor, sebuah kecamatan" in Provinsi Lampung without naming its
        # kabupaten; the demo puts it in Lampung Selatan, with a code that is deliberately
        # outside the numbering of the real kecamatan above.
        kecamatan_tambahan=(("18.03.90", "Salor"),), penduduk_ribu=1064),
    KabKota("18.04", "Lampung Timur", _KAB, (
        "Sukadana", "Way Jepara", "Labuhan Maringgai", "Pekalongan", "Batanghari", "Sekampung",
        "Metro Kibang", "Way Bungur", "Purbolinggo", "Raman Utara", "Jabung", "Pasir Sakti",
        "Labuhan Ratu", "Braja Selebah", "Mataram Baru", "Bandar Sribhawono", "Melinting",
        "Gunung Pelindung", "Batanghari Nuban", "Marga Tiga", "Sekampung Udik", "Bumi Agung",
        "Marga Sekampung", "Waway Karya",
    ), penduduk_ribu=1110),
    KabKota("18.05", "Lampung Tengah", _KAB, (
        "Gunung Sugih", "Terbanggi Besar", "Bandar Mataram", "Seputih Banyak", "Kalirejo",
        "Padang Ratu", "Trimurjo", "Punggur", "Seputih Mataram", "Terusan Nunyai",
        "Bumi Ratu Nuban", "Way Pengubuan", "Bekri", "Rumbia", "Anak Tuha", "Pubian",
        "Seputih Raman", "Seputih Surabaya", "Way Seputih", "Kota Gajah", "Bangun Rejo",
        "Sendang Agung", "Selagai Lingga", "Bumi Nabung", "Seputih Agung", "Putra Rumbia",
        "Bandar Surabaya", "Anak Ratu Aji",
    ), penduduk_ribu=1460),
    KabKota("18.06", "Lampung Utara", _KAB, (
        "Kotabumi", "Kotabumi Utara", "Kotabumi Selatan", "Abung Selatan", "Abung Timur",
        "Abung Barat", "Abung Semuli", "Abung Surakarta", "Abung Tengah", "Abung Tinggi",
        "Abung Pekurun", "Abung Kunang", "Bukit Kemuning", "Sungkai Selatan", "Sungkai Utara",
        "Sungkai Jaya", "Sungkai Barat", "Sungkai Tengah", "Hulu Sungkai", "Muara Sungkai",
        "Tanjung Raja", "Bunga Mayang", "Blambangan Pagar",
    ), penduduk_ribu=633),
    KabKota("18.07", "Way Kanan", _KAB, (
        "Blambangan Umpu", "Baradatu", "Bahuga", "Banjit", "Kasui", "Pakuan Ratu",
        "Negeri Agung", "Gunung Labuhan", "Rebang Tangkas", "Way Tuba", "Negara Batin",
        "Buay Bahuga", "Bumi Agung", "Negeri Besar",
    ), penduduk_ribu=473),
    KabKota("18.08", "Tulang Bawang", _KAB, (
        "Menggala", "Menggala Timur", "Banjar Agung", "Banjar Margo", "Banjar Baru", "Gedung Aji",
        "Gedung Aji Baru", "Gedung Meneng", "Penawar Tama", "Penawar Aji", "Rawajitu Selatan",
        "Rawajitu Timur", "Rawa Pitu", "Meraksa Aji", "Dente Teladas",
    ), penduduk_ribu=430),
    KabKota("18.09", "Pesawaran", _KAB, (
        "Gedong Tataan", "Negeri Katon", "Tegineneng", "Way Lima", "Padang Cermin",
        "Punduh Pidada", "Kedondong", "Marga Punduh", "Way Khilau", "Teluk Pandan", "Way Ratai",
    ), penduduk_ribu=477),
    KabKota("18.10", "Pringsewu", _KAB, (
        "Pringsewu", "Gading Rejo", "Ambarawa", "Pardasuka", "Pagelaran", "Pagelaran Utara",
        "Banyumas", "Adiluwih", "Sukoharjo",
    ), penduduk_ribu=405),
    KabKota("18.11", "Mesuji", _KAB, (
        "Mesuji", "Mesuji Timur", "Rawajitu Utara", "Way Serdang", "Simpang Pematang",
        "Panca Jaya", "Tanjung Raya",
    ), penduduk_ribu=227),
    KabKota("18.12", "Tulang Bawang Barat", _KAB, (
        "Tulang Bawang Tengah", "Tulang Bawang Udik", "Tumijajar", "Gunung Terang",
        "Gunung Agung", "Way Kenanga", "Lambu Kibang", "Pagar Dewa", "Batu Putih",
    ), penduduk_ribu=286),
    KabKota("18.13", "Pesisir Barat", _KAB, (
        "Pesisir Tengah", "Pesisir Selatan", "Pesisir Utara", "Karya Penggawa", "Lemong",
        "Bengkunat", "Ngambur", "Ngaras", "Krui Selatan", "Way Krui", "Pulau Pisang",
    ), penduduk_ribu=162),
    KabKota("18.71", "Bandar Lampung", _KOTA, (
        "Kedaton", "Sukarame", "Tanjung Karang Barat", "Panjang", "Tanjung Karang Timur",
        "Tanjung Karang Pusat", "Teluk Betung Selatan", "Teluk Betung Barat",
        "Teluk Betung Utara", "Rajabasa", "Tanjung Senang", "Sukabumi", "Kemiling",
        "Labuhan Ratu", "Way Halim", "Langkapura", "Enggal", "Kedamaian", "Teluk Betung Timur",
        "Bumi Waras",
    ), penduduk_ribu=1166),
    KabKota("18.72", "Metro", _KOTA, (
        "Metro Pusat", "Metro Utara", "Metro Barat", "Metro Timur", "Metro Selatan",
    ), penduduk_ribu=168),
))

# Only Kota Medan is a pemda here: the seeds mention Kecamatan Medan Marelan, not the province.
SUMATERA_UTARA = Provinsi("12", "Sumatera Utara", (
    KabKota("12.71", "Medan", _KOTA, (
        "Medan Kota", "Medan Sunggal", "Medan Helvetia", "Medan Denai", "Medan Barat",
        "Medan Deli", "Medan Tuntungan", "Medan Belawan", "Medan Amplas", "Medan Area",
        "Medan Johor", "Medan Marelan", "Medan Labuhan", "Medan Tembung", "Medan Maimun",
        "Medan Polonia", "Medan Baru", "Medan Perjuangan", "Medan Petisah", "Medan Timur",
        "Medan Selayang",
    ), penduduk_ribu=2436),
), pemda=False)

PROVINSI: tuple[Provinsi, ...] = (LAMPUNG, SUMATERA_UTARA)

#: kelurahan of some kecamatan, keyed by (kab/kota name, kecamatan name); the demo gives each
#: of these kecamatan offices one unit per kelurahan
KELURAHAN: dict[tuple[str, str], tuple[str, ...]] = {
    ("Bandar Lampung", "Kedaton"): (
        "Kedaton", "Sidodadi", "Surabaya", "Sukamenanti", "Sukamenanti Baru", "Penengahan",
        "Penengahan Raya", "Kampung Baru Raya"),
    ("Bandar Lampung", "Rajabasa"): (
        "Rajabasa", "Rajabasa Raya", "Rajabasa Jaya", "Rajabasa Pemuka", "Rajabasa Nunyai",
        "Gedong Meneng", "Gedong Meneng Baru"),
    ("Bandar Lampung", "Way Halim"): (
        "Way Halim Permai", "Gunung Sulah", "Jagabaya I", "Jagabaya II", "Jagabaya III",
        "Perumnas Way Halim"),
    ("Bandar Lampung", "Enggal"): (
        "Enggal", "Gunung Sari", "Pahoman", "Pelita", "Rawa Laut", "Tanjung Karang"),
    ("Bandar Lampung", "Sukarame"): (
        "Sukarame", "Sukarame Baru", "Way Dadi", "Way Dadi Baru", "Korpri Jaya", "Korpri Raya"),
    ("Bandar Lampung", "Labuhan Ratu"): (
        "Labuhan Ratu", "Labuhan Ratu Raya", "Kampung Baru", "Kota Sepang", "Sepang Jaya",
        "Labuhan Dalam"),
    ("Metro", "Metro Pusat"): (
        "Metro", "Imopuro", "Hadimulyo Barat", "Hadimulyo Timur", "Yosomulyo"),
    ("Metro", "Metro Utara"): ("Banjarsari", "Purwosari", "Purwoasri", "Karangrejo"),
    ("Metro", "Metro Barat"): ("Mulyojati", "Mulyosari", "Ganjar Agung", "Ganjar Asri"),
    ("Metro", "Metro Timur"): (
        "Iringmulyo", "Yosodadi", "Yosorejo", "Endang Rejo", "Tejosari", "Tejo Agung"),
    ("Metro", "Metro Selatan"): ("Margorejo", "Margodadi", "Rejomulyo", "Sumbersari"),
    ("Medan", "Medan Marelan"): (
        "Labuhan Deli", "Rengas Pulau", "Terjun", "Tanah Enam Ratus", "Paya Pasir"),
}


def pemda_slug(tingkat: TingkatWilayah, nama: str) -> str:
    return f"{tingkat.value}-{nama.lower().replace(' ', '-')}"


def pemda_nama(tingkat: TingkatWilayah, nama: str) -> str:
    return f"Pemerintah {tingkat.value.capitalize()} {nama}"


def _wilayah_rows() -> list[tuple[str, str, TingkatWilayah, str | None]]:
    """Every wilayah as (kode, nama, tingkat, parent kode), parents before children."""
    rows: list[tuple[str, str, TingkatWilayah, str | None]] = []
    for prov in PROVINSI:
        rows.append((prov.kode, prov.nama, TingkatWilayah.PROVINSI, None))
        for kab in prov.kabkota:
            rows.append((kab.kode, kab.nama, kab.tingkat, prov.kode))
            numbered = [(f"{kab.kode}.{i:02d}", nama) for i, nama in enumerate(kab.kecamatan, 1)]
            for kode, nama in numbered + list(kab.kecamatan_tambahan):
                rows.append((kode, nama, TingkatWilayah.KECAMATAN, kab.kode))
                # Kemendagri numbers kelurahan from 1001 (desa from 2001)
                for j, kel in enumerate(KELURAHAN.get((kab.nama, nama), ()), 1001):
                    rows.append((f"{kode}.{j}", kel, TingkatWilayah.KELURAHAN, kode))
    return rows


def _pemda_rows() -> list[tuple[str, str, str]]:
    """Every pemda as (slug, nama, wilayah kode)."""
    rows = []
    for prov in PROVINSI:
        if prov.pemda:
            rows.append((pemda_slug(TingkatWilayah.PROVINSI, prov.nama),
                         pemda_nama(TingkatWilayah.PROVINSI, prov.nama), prov.kode))
        rows.extend((pemda_slug(kab.tingkat, kab.nama), pemda_nama(kab.tingkat, kab.nama), kab.kode)
                    for kab in prov.kabkota if kab.pemda)
    return rows


def load_reference() -> None:
    """Create the wilayah and pemda rows that are missing (matched by kode and slug); existing
    rows are left as they are, so an admin's edits survive a re-run. Flushes; the caller commits."""
    ids: dict[str, int] = dict(db.session.execute(sa.select(Wilayah.kode, Wilayah.id)).all())
    levels: dict[int, list[tuple[str, str, TingkatWilayah, str | None]]] = {}
    for row in _wilayah_rows():
        levels.setdefault(row[0].count("."), []).append(row)
    for depth in sorted(levels):  # one flush per level: the children need their parents' ids
        added = [Wilayah(kode=kode, nama=nama, tingkat=tingkat,
                         parent_id=ids[parent_kode] if parent_kode else None)
                 for kode, nama, tingkat, parent_kode in levels[depth] if kode not in ids]
        db.session.add_all(added)
        db.session.flush()
        ids.update((w.kode, w.id) for w in added)

    existing = set(db.session.scalars(sa.select(Pemda.slug)))
    for slug, nama, kode in _pemda_rows():
        if slug not in existing:
            db.session.add(Pemda(slug=slug, nama=nama, wilayah_id=ids[kode]))
    db.session.flush()

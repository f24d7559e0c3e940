"""The pembinaan rules DOMAIN.md and issue 10 mark *(check)*, kept as settings: each is read from
the app config when set there (or a ``PORTAL_*`` environment variable, JSON for the tables),
else the default below. The README lists them with their sources."""

from __future__ import annotations

from typing import Any

from portal.core.settings import read_setting

#: Nonklasikal forms (Peraturan LAN 10/2018): the most JP one activity of the form counts, whatever
#: its certificate states; a form left out (or None) counts what is stated. The defaults are
#: conservative guesses to be checked against the agency's own rule: a coaching or mentoring
#: cycle, a benchmarking visit or an outbound is taken as about one day of learning (8 JP of 45
#: minutes), a learning community's session or self-study as a half day, an internship,
#: secondment, exchange or on-the-job assignment as a working week (40 JP); e-learning and distance
#: courses count the JP their certificate states.
DEFAULT_JP_NONKLASIKAL: dict[str, int | None] = {
    "coaching": 8,
    "mentoring": 8,
    "e_learning": None,
    "pelatihan_jarak_jauh": None,
    "outbound": 8,
    "on_the_job": 40,
    "magang": 40,
    "patok_banding": 8,
    "pertukaran": 40,
    "belajar_mandiri": 4,
    "komunitas_belajar": 4,
}

#: Form (Peraturan LAN 10/2018) → SIASN "jenisDiklatId" of the riwayat kursus *(check against
#: SIASN's referensi jenis diklat of the agency's instance)*. The guesses: 1 struktural,
#: 2 fungsional, 3 teknis, 4 workshop, 5 seminar, 6 kursus (the rest). On import, an id becomes
#: the first form listed for it (so "3" → pelatihan teknis, "6" → e-learning).
DEFAULT_SIASN_JENIS_DIKLAT: dict[str, str] = {
    "pelatihan_struktural": "1",
    "pelatihan_fungsional": "2",
    "pelatihan_teknis": "3",
    "pelatihan_manajerial": "3",
    "pelatihan_sosiokultural": "3",
    "bimtek": "3",
    "workshop": "4",
    "seminar": "5",
    "e_learning": "6",
    "sosialisasi": "6",
    "pelatihan_jarak_jauh": "6",
    "coaching": "6",
    "mentoring": "6",
    "outbound": "6",
    "on_the_job": "6",
    "magang": "6",
    "patok_banding": "6",
    "pertukaran": "6",
    "belajar_mandiri": "6",
    "komunitas_belajar": "6",
}

DEFAULTS: dict[str, Any] = {
    #: minutes in one jam pelajaran (JP) *(check)*
    "PORTAL_PEMBINAAN_MENIT_PER_JP": 45,
    #: JP of competency development every PNS is owed a year (PP 11/2017 art. 203(4))
    "PORTAL_PEMBINAAN_TARGET_JP_PNS": 20,
    #: the yearly figure PPPK are measured against, counted apart from PNS *(check)*: no national
    #: minimum for PPPK is set; UU 20/2023 art. 49 makes development a duty of every ASN
    "PORTAL_PEMBINAAN_TARGET_JP_PPPK": 20,
    #: the most JP a PPPK's year counts (PP 49/2018 art. 39: "paling lama 24 JP" a year of the
    #: contract) *(check)*; 0: no cap
    "PORTAL_PEMBINAAN_BATAS_JP_PPPK": 24,
    "PORTAL_PEMBINAAN_JP_NONKLASIKAL": DEFAULT_JP_NONKLASIKAL,
    #: the largest certificate file (PDF, JPEG, PNG) one may upload
    "PORTAL_PEMBINAAN_SERTIFIKAT_MAX_MB": 5,
    "PORTAL_PEMBINAAN_SIASN_JENIS_DIKLAT": DEFAULT_SIASN_JENIS_DIKLAT,
    #: days after a low predikat (or a complaint's finding) by which the coaching plan should be
    #: agreed; an unopened plan past it is flagged in monitoring, and the public share counts
    #: plans agreed within it *(check)*
    "PORTAL_PEMBINAAN_HARI_RENCANA": 30,
    #: months of the improvement period a plan runs (PermenPANRB 6/2022: six) *(check)*
    "PORTAL_PEMBINAAN_BULAN_PERBAIKAN": 6,
    #: "Dari suara publik ke tindakan": the months back complaints are counted per service and
    #: category, and how many of one category in them make it recurring
    "PORTAL_PEMBINAAN_SUARA_BULAN": 6,
    "PORTAL_PEMBINAAN_SUARA_MIN_PENGADUAN": 3,
}


def setting(name: str) -> Any:
    return read_setting(name, DEFAULTS)


def aturan_jp():
    """The JP rules in force, for ``kompetensi.jp``."""
    from portal.org.models import StatusAsn
    from portal.pembinaan.kompetensi.jp import AturanJp

    batas_pppk = int(setting("PORTAL_PEMBINAAN_BATAS_JP_PPPK"))
    return AturanJp(
        menit_per_jp=int(setting("PORTAL_PEMBINAAN_MENIT_PER_JP")),
        target={StatusAsn.PNS: int(setting("PORTAL_PEMBINAAN_TARGET_JP_PNS")),
                StatusAsn.PPPK: int(setting("PORTAL_PEMBINAAN_TARGET_JP_PPPK"))},
        batas={StatusAsn.PNS: None, StatusAsn.PPPK: batas_pppk or None},
        nonklasikal=dict(setting("PORTAL_PEMBINAAN_JP_NONKLASIKAL")))

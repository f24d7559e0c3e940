"""The published OPD list the /instansi tests search (``indeks.py``, ``cepat.py``)."""

from __future__ import annotations

import random
from datetime import datetime
from decimal import Decimal

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.org.models import Opd
from portal.scorecards.models import PublikasiRapor, RaporOpd

#: names that make the search and the sorts work: case, ILIKE's wildcards and its escape,
#: the same name in two pemda, a prefix of another name
NAMES = ["Dinas Kesehatan", "dinas kesehatan", "DINAS PENDIDIKAN", "Badan 100% Pelayanan",
         "Kantor_Arsip", "Kecamatan Teluk\\Betung", "Dinas Sosial", "Dinas", "Inspektorat",
         "Rumah Sakit Umum Daerah", "Satuan Polisi Pamong Praja", "Badan Kepegawaian"]
JENIS = ["dinas", "badan", "kecamatan", "inspektorat"]


@pytest.fixture()
def published_list(world):
    """Three publications (one of them no longer current) with OPDs whose figures tie, are
    missing, and whose names repeat."""
    rng = random.Random(13)
    opd_ids = [world.opd.id, world.opd_lain.id, world.opd_pemda_lain.id]
    current = []
    for n, (pemda, terkini) in enumerate(((world.pemda, False), (world.pemda, True),
                                          (world.pemda_lain, True))):
        pub = PublikasiRapor(pemda_id=pemda.id, tahun=2026, triwulan=1 + n % 2, versi=1,
                             diterbitkan_at=datetime(2026, 7, 1 + n), metodologi_versi="1.0",
                             versi_terakhir=True, terkini=terkini, ringkasan={})
        db.session.add(pub)
        db.session.flush()
        rows = []
        for i in range(30):
            ikm = rng.choice([None, Decimal("76.61"), Decimal(f"{rng.uniform(50, 99):.2f}")])
            rows.append({
                "publikasi_id": pub.id, "opd_id": opd_ids[i % 3],
                "opd_slug": f"opd-{n}-{i}", "opd_nama": rng.choice(NAMES) + rng.choice(["", f" {i}"]),
                "jenis": rng.choice(JENIS), "pemda_slug": pemda.slug, "pemda_nama": pemda.nama,
                "kabkota_kode": rng.choice([None, "18.71", "18.72"]), "kabkota_nama": None,
                "responden": rng.randint(0, 50), "ikm": ikm, "mutu": rng.choice([None, "B"]),
                "pengaduan_diterima": rng.randint(0, 9),
                "persen_pengaduan_tepat_waktu": rng.choice([None, Decimal("50.0"), Decimal("75.5")]),
                "persen_standar_tepat_waktu": rng.choice([None, Decimal("90.0"), Decimal("12.5")]),
                "data": {}})
        # RaporOpd is unique per (publication, OPD): give each row an OPD of its own
        for row in rows:
            extra = Opd(pemda_id=pemda.id, nama=row["opd_slug"], jenis="dinas",
                        slug=row["opd_slug"])
            db.session.add(extra)
            db.session.flush()
            row["opd_id"] = extra.id
        db.session.execute(sa.insert(RaporOpd), rows)
        if terkini:
            current += [row["opd_slug"] for row in rows]
    db.session.commit()
    return current

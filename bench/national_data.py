"""Build a national-scale dataset of the public pages and time publication (issue 13).

    .venv/bin/python bench/national_data.py                          # PostgreSQL bench_national
    .venv/bin/python bench/national_data.py --pemda 60 --database-url postgresql://…/small

From an empty database, with Core bulk inserts (COPY for the big tables): 548 pemda (34
provinces and 514 kabupaten/kota), about 20,000 OPDs (28–45 per pemda, a few of them kecamatan
offices), three services per OPD, survey answers and complaints over the two quarters that have
ended last, monthly service figures; then it publishes both quarters for every pemda, renders
every public page of the current publications into ``halaman_terbit`` (``prerender.everything``,
both languages), and finally re-publishes one pemda with its pre-rendering, the way an admin
pemda's click does it (target: under 60 s). Each step prints its time. The database is kept for
bench/national_pages.sh.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

import sqlalchemy as sa  # noqa: E402

from bench.scorecard_data import _complaints, _copy, _ensure_database, timed  # noqa: E402
from portal import create_app  # noqa: E402
from portal.extensions import db  # noqa: E402

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/bench_national"

PROVINCES = (
    "Aceh", "Sumatera Utara", "Sumatera Barat", "Riau", "Jambi", "Sumatera Selatan", "Bengkulu",
    "Lampung", "Kepulauan Bangka Belitung", "Kepulauan Riau", "DKI Jakarta", "Jawa Barat",
    "Jawa Tengah", "DI Yogyakarta", "Jawa Timur", "Banten", "Bali", "Nusa Tenggara Barat",
    "Nusa Tenggara Timur", "Kalimantan Barat", "Kalimantan Tengah", "Kalimantan Selatan",
    "Kalimantan Timur", "Kalimantan Utara", "Sulawesi Utara", "Sulawesi Tengah",
    "Sulawesi Selatan", "Sulawesi Tenggara", "Gorontalo", "Sulawesi Barat", "Maluku",
    "Maluku Utara", "Papua", "Papua Barat")
SYLLABLES = ("ba", "bu", "da", "ga", "ja", "ka", "ko", "la", "lu", "ma", "me", "na", "ng", "pa",
             "pe", "ra", "ri", "sa", "si", "ta", "tu", "wa", "ya", "an", "ro", "ti", "be", "mo")
#: (slug stem, name stem, kind) — "Dinas Kesehatan" + " Kabupaten X"
OPD_KINDS = (
    ("setda", "Sekretariat Daerah", "sekretariat"), ("setwan", "Sekretariat DPRD", "sekretariat"),
    ("inspektorat", "Inspektorat", "inspektorat"), ("bappeda", "Badan Perencanaan Pembangunan Daerah", "badan"),
    ("bkpsdm", "Badan Kepegawaian dan Pengembangan SDM", "badan"),
    ("bpkad", "Badan Pengelolaan Keuangan dan Aset Daerah", "badan"),
    ("bapenda", "Badan Pendapatan Daerah", "badan"), ("bpbd", "Badan Penanggulangan Bencana Daerah", "badan"),
    ("kesbangpol", "Badan Kesatuan Bangsa dan Politik", "badan"),
    ("disdik", "Dinas Pendidikan dan Kebudayaan", "dinas"), ("dinkes", "Dinas Kesehatan", "dinas"),
    ("dinsos", "Dinas Sosial", "dinas"), ("disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil", "dinas"),
    ("dpmptsp", "Dinas Penanaman Modal dan PTSP", "dinas"), ("dishub", "Dinas Perhubungan", "dinas"),
    ("dpupr", "Dinas Pekerjaan Umum dan Penataan Ruang", "dinas"),
    ("perkim", "Dinas Perumahan dan Kawasan Permukiman", "dinas"),
    ("dlh", "Dinas Lingkungan Hidup", "dinas"), ("disnaker", "Dinas Tenaga Kerja", "dinas"),
    ("diskominfo", "Dinas Komunikasi dan Informatika", "dinas"),
    ("dinkop", "Dinas Koperasi dan UKM", "dinas"), ("disperindag", "Dinas Perindustrian dan Perdagangan", "dinas"),
    ("distan", "Dinas Pertanian", "dinas"), ("dkp", "Dinas Ketahanan Pangan", "dinas"),
    ("diskan", "Dinas Perikanan", "dinas"), ("dispar", "Dinas Pariwisata", "dinas"),
    ("dispora", "Dinas Pemuda dan Olahraga", "dinas"), ("dpmd", "Dinas Pemberdayaan Masyarakat dan Desa", "dinas"),
    ("dp3a", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "dinas"),
    ("dppkb", "Dinas Pengendalian Penduduk dan KB", "dinas"), ("dispusip", "Dinas Perpustakaan dan Kearsipan", "dinas"),
    ("satpolpp", "Satuan Polisi Pamong Praja", "satpol_pp"), ("damkar", "Dinas Pemadam Kebakaran", "dinas"),
    ("rsud", "Rumah Sakit Umum Daerah", "rumah_sakit"),
)
SERVICES = (("perizinan", "Penerbitan izin", 5), ("rekomendasi", "Surat rekomendasi", 3),
            ("pengaduan-layanan", "Konsultasi dan informasi", 1), ("data", "Permintaan data", 2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--pemda", type=int, default=548)
    parser.add_argument("--answers", type=int, default=2_000_000)
    parser.add_argument("--complaints", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--skip-build", action="store_true",
                        help="only re-publish one pemda with its pre-rendering (database kept)")
    args = parser.parse_args()
    _ensure_database(args.database_url)
    app = create_app({"PORTAL_ENV": "development", "SQLALCHEMY_DATABASE_URI": args.database_url,
                      "INSTANCE_PATH": Path("/tmp/portal-bench-instance"),
                      "SECRET_KEY": "bench-only"})
    quarters = _quarters(date.today())
    with app.app_context():
        if not args.skip_build:
            _fresh_schema()
            rng = random.Random(args.seed)
            timed("pemda, OPDs, services", lambda: _organisation(rng, args.pemda))
            layanan = db.session.execute(sa.text(
                "SELECT id, opd_id FROM layanan ORDER BY id")).all()
            timed(f"{args.answers:,} survey answers",
                  lambda: _answers(rng, layanan, args.answers, quarters))
            timed(f"{args.complaints:,} complaints",
                  lambda: _complaints(layanan, args.complaints, quarters, args.seed))
            timed("monthly service figures", lambda: _figures(rng, layanan, quarters))
            db.session.commit()
            _analyse()
            for _start, _end, tahun, triwulan in quarters:
                timed(f"publish {tahun}-T{triwulan}, every pemda", lambda t=tahun, q=triwulan:
                      _publish_all(t, q))
            timed("pre-render every public page", lambda: _prerender_all(app))
            _analyse()
        timed("re-publish one pemda + its pages", lambda: _republish_one(app, quarters[-1]))
        counts = db.session.execute(sa.text(
            "SELECT (SELECT count(*) FROM pemda), (SELECT count(*) FROM opd), "
            "(SELECT count(*) FROM layanan), (SELECT count(*) FROM jawaban_skm), "
            "(SELECT count(*) FROM pengaduan), (SELECT count(*) FROM rapor_opd), "
            "(SELECT count(*) FROM halaman_terbit), "
            "(SELECT pg_size_pretty(sum(octet_length(body))) FROM halaman_terbit)")).one()
        print("rows: {:,} pemda, {:,} OPDs, {:,} services, {:,} answers, {:,} complaints, "
              "{:,} published scorecards, {:,} stored pages ({})".format(*counts), flush=True)


def _fresh_schema() -> None:
    from flask_migrate import upgrade

    with db.engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    upgrade()


def _name(rng: random.Random, used: set[str]) -> str:
    while True:
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        if name not in used:
            used.add(name)
            return name


def _organisation(rng: random.Random, n_pemda: int) -> str:
    from portal.core.models import utcnow
    from portal.org.models import Layanan, Opd, Pemda, Wilayah

    now = utcnow()
    provinces = PROVINCES[:max(1, min(len(PROVINCES), n_pemda // 16))]
    wilayah, pemda = [], []
    used: set[str] = set(provinces)
    wid = 0
    per_province = [(n_pemda - len(provinces)) // len(provinces)] * len(provinces)
    for i in range((n_pemda - len(provinces)) % len(provinces)):
        per_province[i] += 1
    for p_index, prov in enumerate(provinces):
        wid += 1
        prov_id, prov_kode = wid, f"{11 + p_index}"
        wilayah.append({"id": prov_id, "kode": prov_kode, "nama": prov, "tingkat": "provinsi",
                        "parent_id": None})
        pemda.append({"id": wid, "wilayah_id": wid, "nama": f"Pemerintah Provinsi {prov}",
                      "slug": "provinsi-" + prov.lower().replace(" ", "-")})
        for k in range(per_province[p_index]):
            wid += 1
            tingkat = "kota" if rng.random() < .18 else "kabupaten"
            nama = _name(rng, used)
            wilayah.append({"id": wid, "kode": f"{prov_kode}.{k + 1:02d}", "nama": nama,
                            "tingkat": tingkat, "parent_id": prov_id})
            pemda.append({"id": wid, "wilayah_id": wid,
                          "nama": f"Pemerintah {tingkat.capitalize()} {nama}",
                          "slug": f"{tingkat}-{nama.lower()}"})
    for row in pemda:
        row.update(created_at=now, updated_at=now)
    db.session.execute(sa.insert(Wilayah), wilayah)
    db.session.execute(sa.insert(Pemda), pemda)
    opds, layanan = [], []
    kecamatan = []
    for row in pemda:
        suffix = row["slug"]
        label = row["nama"].removeprefix("Pemerintah ")
        kinds = list(OPD_KINDS)
        rng.shuffle(kinds)
        count = rng.randint(28, 45)
        chosen = [(s, n, j, row["wilayah_id"]) for s, n, j in kinds[:min(count, len(kinds))]]
        for k in range(count - len(chosen)):
            wid += 1
            kec = _name(rng, used)
            kecamatan.append({"id": wid, "kode": f"{wilayah[row['wilayah_id'] - 1]['kode']}.{k + 1:02d}x",
                              "nama": kec, "tingkat": "kecamatan", "parent_id": row["wilayah_id"]})
            chosen.append((f"kecamatan-{kec.lower()}", f"Kecamatan {kec}", "kecamatan", wid))
        for stem, nama, jenis, wilayah_id in chosen:
            opd_id = len(opds) + 1
            opds.append({"id": opd_id, "pemda_id": row["id"], "jenis": jenis,
                         "nama": nama if jenis == "kecamatan" else f"{nama} {label}",
                         "slug": f"{stem}-{suffix}", "wilayah_id": wilayah_id, "aktif": True,
                         "singkatan": None, "alamat": None, "created_at": now, "updated_at": now})
            for slug, service, days in rng.sample(SERVICES, 3):
                layanan.append({"opd_id": opd_id, "nama": service, "slug": slug, "persyaratan": "",
                                "prosedur": "", "waktu_penyelesaian_hari": days, "biaya_rupiah": 0,
                                "produk": service, "aktif": True, "unit_id": None,
                                "created_at": now, "updated_at": now})
    db.session.execute(sa.insert(Wilayah), kecamatan)
    db.session.execute(sa.insert(Opd), opds)
    db.session.execute(sa.insert(Layanan), layanan)
    for table in ("wilayah", "pemda", "opd"):
        db.session.execute(sa.text(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))
    db.session.commit()
    return f"{len(pemda)} pemda, {len(opds):,} OPDs, {len(layanan):,} services"


def _quarters(today: date) -> list[tuple[datetime, datetime, int, int]]:
    """The two quarters that have ended last, oldest first."""
    from portal.scorecards.models import periode_bounds

    tahun, q = today.year, (today.month - 1) // 3 + 1
    ended = []
    for _ in range(2):
        tahun, q = (tahun, q - 1) if q > 1 else (tahun - 1, 4)
        ended.append((tahun, q))
    out = []
    for y, t in reversed(ended):
        start, end = periode_bounds(y, t)
        out.append((datetime.combine(start, datetime.min.time()),
                    datetime.combine(end + timedelta(days=1), datetime.min.time()), y, t))
    return out


def _answers(rng: random.Random, layanan, total: int, quarters) -> None:
    quality = {opd_id: rng.uniform(2.3, 3.6) for _lid, opd_id in layanan}
    weights = [rng.choice((0, 1, 1, 2, 5, 20)) for _ in layanan]  # some services get nothing

    def rows():
        chosen = rng.choices(layanan, weights, k=total)
        for i, (layanan_id, opd_id) in enumerate(chosen):
            start, end, _y, _q = quarters[i % 2]
            at = start + timedelta(seconds=rng.randrange(int((end - start).total_seconds()) - 1))
            mean = quality[opd_id]
            scores = [min(4, max(1, round(mean + rng.uniform(-1, 1)))) for _u in range(9)]
            yield (layanan_id, opd_id, at, *scores)

    _copy("jawaban_skm", ["layanan_id", "opd_id", "dijawab_at",
                          *(f"u{i}" for i in range(1, 10))], rows())


def _figures(rng: random.Random, layanan, quarters) -> str:
    from portal.core.models import utcnow

    now = utcnow()
    months = [(y, m) for _s, _e, y, q in quarters for m in range(3 * q - 2, 3 * q + 1)]

    def rows():
        for layanan_id, opd_id in layanan:
            if rng.random() < .2:
                continue  # some services report nothing
            for tahun, bulan in months:
                permohonan = rng.randint(0, 400)
                yield (layanan_id, opd_id, tahun, bulan, permohonan,
                       int(permohonan * rng.uniform(.5, 1)), round(rng.uniform(1, 9), 2),
                       round(rng.uniform(5, 60), 1), now, now)

    _copy("capaian_layanan", ["layanan_id", "opd_id", "tahun", "bulan", "permohonan",
                              "selesai_tepat_waktu", "rata_hari_proses", "rata_menit_tunggu",
                              "created_at", "updated_at"], rows())
    return f"{len(months)} months per reporting service"


def _analyse() -> None:
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text("VACUUM ANALYZE"))


def _publish_all(tahun: int, triwulan: int) -> str:
    from portal.org.models import Pemda
    from portal.scorecards.kelola import services

    slowest = 0.0
    pemdas = list(db.session.scalars(sa.select(Pemda).order_by(Pemda.id)))
    for pemda in pemdas:
        one = time.perf_counter()
        services.publish(None, pemda, tahun, triwulan)
        db.session.commit()
        slowest = max(slowest, time.perf_counter() - one)
    return f"{len(pemdas)} pemda, slowest {slowest:.2f} s"


def _prerender_all(app) -> str:
    from portal.scorecards import prerender

    hasil = prerender.everything(app)
    return f"{hasil.halaman:,} pages"


def _republish_one(app, quarter) -> str:
    """What the admin pemda's "Ya, terbitkan" does: publish, commit, render its pages."""
    from portal.org.models import Pemda
    from portal.scorecards import prerender
    from portal.scorecards.kelola import services

    _start, _end, tahun, triwulan = quarter
    pemda = db.session.scalars(sa.select(Pemda).join(Pemda.opds).group_by(Pemda.id)
                               .order_by(sa.func.count().desc()).limit(1)).one()
    started = time.perf_counter()
    services.publish(None, pemda, tahun, triwulan, catatan="Koreksi data (benchmark)")
    db.session.commit()
    published = time.perf_counter() - started
    hasil = prerender.publication(pemda.id, app)
    return (f"{pemda.slug}: publish {published:.1f} s, {hasil.halaman} pages rendered in "
            f"{hasil.detik:.1f} s")


if __name__ == "__main__":
    io.DEFAULT_BUFFER_SIZE = 1 << 16
    main()

"""Demo appraisals: performance year 2026 opened for every pemda (Triwulan I closed), and for the
staff of the demo OPD (and more OPDs of its pemda, up to a cap) SKPs and evaluations in every
state, with their audit trail, so the supervisor's queue, the monitoring pages and the pegawai's
own pages are full on a fresh ``make run``.

Rows are written with bulk INSERTs and explicit ids (like ``portal/demo/org/__init__.py``): a few
thousand pegawai take a few seconds, and the ``--pegawai 100000`` build stays quick because only
``MAX_PEGAWAI`` of them get appraisal data. Deterministic for a seed."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from portal.appraisals.evaluasi.models import (
    PREDIKAT_LABEL,
    BuktiDukung,
    Evaluasi,
    JenisBukti,
    Rating,
    RealisasiIndikator,
    StatusEvaluasi,
    UmpanBalikPerilaku,
    UmpanBalikRhk,
)
from portal.appraisals.periode.models import JenisPeriode, Periode, TahunKinerja
from portal.appraisals.periode.services import default_deadlines, default_skp_due, period_dates
from portal.appraisals.predikat import hitung_predikat
from portal.appraisals.skp.models import (
    BERAKHLAK_ORDER,
    AspekIndikator,
    EkspektasiPerilaku,
    IndikatorKinerja,
    JenisRhk,
    NilaiBerakhlak,
    Rhk,
    Skp,
    StatusSkp,
)
from portal.auth.models import User
from portal.core.models import AuditEntry
from portal.extensions import db
from portal.org.models import JenisJabatan, Opd, Pegawai, Pemda

TAHUN = 2026
#: pegawai given SKPs and evaluations (the demo OPD first, then its pemda's other OPDs)
MAX_PEGAWAI = 1500
BATCH = 5000
DEMO_OPD_SLUG = "disdukcapil-kota-bandar-lampung"

_TABLES = (Skp, Rhk, IndikatorKinerja, EkspektasiPerilaku, Evaluasi, RealisasiIndikator,
           BuktiDukung, UmpanBalikRhk, UmpanBalikPerilaku, AuditEntry)

HEAD_RHK = [
    "Meningkatnya kualitas pelayanan publik perangkat daerah",
    "Terwujudnya tata kelola keuangan dan kinerja yang akuntabel",
    "Meningkatnya kepuasan masyarakat terhadap layanan",
]
MID_RHK = [
    "Terlaksananya pelayanan sesuai standar pelayanan",
    "Tersusunnya laporan kinerja unit tepat waktu",
    "Menurunnya jumlah pengaduan layanan yang berulang",
    "Terkelolanya data dan arsip layanan secara digital",
]
STAFF_RHK = [
    "Terlayaninya permohonan masyarakat di loket pelayanan",
    "Terinputnya data layanan ke aplikasi tepat waktu",
    "Tersusunnya laporan bulanan kegiatan",
    "Terarsipnya dokumen layanan dengan rapi",
    "Terverifikasinya berkas persyaratan pemohon",
    "Tertanganinya pengaduan masyarakat di unit",
    "Terlaksananya pemeliharaan sarana pelayanan",
]
#: (uraian, aspek, target number or None, unit, target text)
INDIKATOR = [
    ("Jumlah berkas permohonan yang diselesaikan", AspekIndikator.KUANTITAS, 1200, "berkas", None),
    ("Persentase layanan selesai sesuai standar waktu", AspekIndikator.WAKTU, 95, "persen", None),
    ("Dokumen yang dihasilkan bebas kesalahan", AspekIndikator.KUALITAS, None, None,
     "Tanpa koreksi dari atasan"),
    ("Jumlah laporan yang disampaikan", AspekIndikator.KUANTITAS, 12, "laporan", None),
    ("Rata-rata waktu penyelesaian", AspekIndikator.WAKTU, 3, "hari kerja", None),
    ("Realisasi anggaran kegiatan", AspekIndikator.BIAYA, 100, "persen", None),
    ("Tingkat kepuasan pemohon", AspekIndikator.KUALITAS, 85, "indeks", None),
]
SELF = [
    "Target triwulan tercapai; antrean pagi lebih tertib setelah nomor antrean daring dipakai.",
    "Sebagian besar target tercapai. Kendala: jaringan SIAK terputus dua hari di bulan kedua.",
    "Capaian di atas target karena ada layanan jemput bola di kecamatan.",
    "Capaian belum penuh karena blangko sempat kosong; berkas yang tertunda sudah diselesaikan.",
]
FEEDBACK = [
    "Capaian baik dan konsisten; pertahankan ketepatan waktu.",
    "Perlu memperbaiki kerapian arsip pendukung.",
    "Inisiatif layanan jemput bola patut dicontoh rekan lain.",
    "Koordinasikan lebih awal bila ada kendala sistem.",
]
RETURN_NOTE = "Lampirkan rekap dari aplikasi sebagai bukti dukung."
RETURN_RHK = "Naikkan target sesuai capaian tahun lalu (1.350 berkas)."
RETURN_SKP = "Target kuantitas terlalu rendah dibanding tahun lalu; sesuaikan dengan RHK atasan."


def _at(day: date, hour: int = 9) -> datetime:
    """A UTC time stamp on that day (09.00 UTC is 16.00 WIB)."""
    return datetime.combine(day, time(hour, 0))


@dataclass
class _Rows:
    ids: dict[type, int] = field(default_factory=dict)
    rows: dict[type, list[dict[str, Any]]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for model in _TABLES:
            self.ids[model] = db.session.scalar(sa.select(sa.func.max(model.id))) or 0
            self.rows[model] = []

    def add(self, model: type, **row: Any) -> int:
        self.ids[model] += 1
        row["id"] = self.ids[model]
        self.rows[model].append(row)
        self.counts[model.__tablename__] = self.counts.get(model.__tablename__, 0) + 1
        if len(self.rows[model]) >= BATCH:
            self.flush()
        return row["id"]

    def flush(self) -> None:
        for model in _TABLES:  # parents first, so foreign keys hold at every flush
            if self.rows[model]:
                db.session.execute(sa.insert(model.__table__), self.rows[model])
                self.rows[model].clear()


def open_demo_years(tahun: int = TAHUN) -> dict[int, TahunKinerja]:
    """The performance year for every pemda, Triwulan I closed; the year after stays for the
    admin pemda to open."""
    years = {}
    for pemda in db.session.scalars(sa.select(Pemda).order_by(Pemda.id)):
        year = db.session.scalar(sa.select(TahunKinerja).where(
            TahunKinerja.pemda_id == pemda.id, TahunKinerja.tahun == tahun))
        if year is None:
            year = TahunKinerja(pemda=pemda, tahun=tahun, batas_skp=default_skp_due(tahun))
            deadlines = default_deadlines(tahun)
            for urutan, jenis in enumerate(JenisPeriode, start=1):
                mulai, selesai = period_dates(tahun, jenis)
                year.periode.append(Periode(
                    jenis=jenis, urutan=urutan, mulai=mulai, selesai=selesai,
                    batas=deadlines[jenis], ditutup=jenis == JenisPeriode.TRIWULAN_1,
                    ditutup_at=_at(deadlines[jenis] + timedelta(days=7))
                    if jenis == JenisPeriode.TRIWULAN_1 else None))
            db.session.add(year)
        years[pemda.id] = year
    db.session.flush()
    return years


def build_demo_appraisals(seed: int = 2026, logins: list[dict[str, str]] | None = None
                          ) -> dict[str, int]:
    """Everything above; flushes, the caller commits. Returns row counts per table."""
    rng = random.Random(seed)
    years = open_demo_years()
    demo_opd = db.session.scalar(sa.select(Opd).where(Opd.slug == DEMO_OPD_SLUG))
    if demo_opd is None:
        return {"tahun_kinerja": len(years)}
    opd_ids = [demo_opd.id] + list(db.session.scalars(
        sa.select(Opd.id).where(Opd.pemda_id == demo_opd.pemda_id, Opd.id != demo_opd.id)
        .order_by(Opd.id)))
    staff: list[Any] = []
    for opd_id in opd_ids:
        if len(staff) >= MAX_PEGAWAI:
            break
        staff.extend(db.session.execute(sa.select(
            Pegawai.id, Pegawai.atasan_id, Pegawai.jenis_jabatan, Pegawai.nama, Pegawai.nip)
            .where(Pegawai.opd_id == opd_id, Pegawai.aktif).order_by(Pegawai.id)))
    staff = staff[:MAX_PEGAWAI]
    year = years[demo_opd.pemda_id]
    periods = {p.jenis: p for p in year.periode}
    users = dict(db.session.execute(sa.select(User.pegawai_id, User.id).where(
        User.pegawai_id.in_([s.id for s in staff]))).all()) if staff else {}
    demo_nips = {login["username"]: login["role"] for login in (logins or [])}
    penilai = next((s.id for s in staff if demo_nips.get(s.nip) == "pejabat_penilai"), None)
    builder = _Builder(rng, year, periods, users, penilai)
    for person in _top_down(staff):
        builder.person(person, demo_nips.get(person.nip))
    builder.rows.flush()
    _advance_sequences()
    return {"tahun_kinerja": len(years), **builder.rows.counts}


def _top_down(staff: list) -> list:
    """Supervisors before their staff, so a row can name the supervisor's set RHK."""
    by_id = {s.id: s for s in staff}
    depth: dict[int, int] = {}

    def level(s) -> int:
        if s.id not in depth:
            parent = by_id.get(s.atasan_id)
            depth[s.id] = 0 if parent is None else level(parent) + 1
        return depth[s.id]

    for s in staff:
        level(s)
    return sorted(staff, key=lambda s: (depth[s.id], s.id))


class _Builder:
    def __init__(self, rng: random.Random, year: TahunKinerja, periods: dict, users: dict,
                 demo_penilai: int | None):
        self.rng = rng
        #: the demo pejabat penilai: their staff get more waiting items, to fill the queue
        self.demo_penilai = demo_penilai
        self.year = year
        self.periods = periods
        self.users = users
        self.rows = _Rows()
        #: pegawai id → ids of the RHK rows of their set SKP
        self.set_rhk: dict[int, list[int]] = {}
        self.has_staff: set[int] = set()

    def person(self, p, demo_role: str | None) -> None:
        if p.atasan_id is not None:
            self.has_staff.add(p.atasan_id)
        head = p.jenis_jabatan in (JenisJabatan.JPT, JenisJabatan.ADMINISTRATOR,
                                   JenisJabatan.PENGAWAS)
        busy = p.atasan_id is not None and p.atasan_id == self.demo_penilai
        skp_state = self._skp_state(head, demo_role, busy)
        if skp_state is None:
            return
        skp_id, indikator = self._skp(p, head, skp_state)
        if skp_state in ("disetujui", "revisi_diajukan"):
            for jenis in (JenisPeriode.TRIWULAN_1, JenisPeriode.TRIWULAN_2,
                          JenisPeriode.TRIWULAN_3):
                state = self._evaluasi_state(jenis, demo_role, busy)
                if state is not None:
                    self._evaluasi(p, skp_id, indikator, jenis, state)

    # --- the scenario of one person ------------------------------------------------------------

    def _skp_state(self, head: bool, demo_role: str | None, busy: bool) -> str | None:
        if demo_role is not None or head:
            return "disetujui"  # supervisors' plans are set, so their staff can cascade
        if busy:
            return self.rng.choices(["disetujui", "revisi_diajukan", "diajukan", "dikembalikan"],
                                    [60, 15, 15, 10])[0]
        return self.rng.choices(
            ["disetujui", "revisi_diajukan", "diajukan", "dikembalikan", "draf", None],
            [68, 3, 10, 7, 7, 5])[0]

    def _evaluasi_state(self, jenis: JenisPeriode, demo_role: str | None,
                        busy: bool) -> str | None:
        if demo_role == "pegawai":
            return {JenisPeriode.TRIWULAN_1: "disetujui", JenisPeriode.TRIWULAN_2: "disetujui",
                    JenisPeriode.TRIWULAN_3: "draf"}[jenis]
        if busy and jenis == JenisPeriode.TRIWULAN_3:
            return self.rng.choices(["diajukan", "diajukan_ulang", "dikembalikan", "draf"],
                                    [60, 20, 10, 10])[0]
        if busy and jenis == JenisPeriode.TRIWULAN_2:
            return self.rng.choices(["disetujui", "diajukan"], [70, 30])[0]
        if jenis == JenisPeriode.TRIWULAN_1:
            return self.rng.choices(["disetujui", None], [92, 8])[0]
        if jenis == JenisPeriode.TRIWULAN_2:
            return self.rng.choices(["disetujui", "diajukan", "dikembalikan", "draf"],
                                    [80, 10, 5, 5])[0]
        return self.rng.choices(
            ["diajukan", "diajukan_ulang", "draf", "dikembalikan", "disetujui", None],
            [38, 7, 20, 10, 20, 5])[0]

    # --- SKP -----------------------------------------------------------------------------------

    def _skp(self, p, head: bool, state: str) -> tuple[int, list[tuple[int, int, Any]]]:
        r, rng = self.rows, self.rng
        base_day = date(TAHUN, 1, 6) + timedelta(days=rng.randint(0, 14))
        status = StatusSkp.DISETUJUI if state == "revisi_diajukan" else StatusSkp(state)
        submitted = status != StatusSkp.DRAF
        approved = status == StatusSkp.DISETUJUI
        skp_id = r.add(
            Skp, pegawai_id=p.id, tahun_kinerja_id=self.year.id, versi=1, sebelumnya_id=None,
            status=status, revisi=2 if submitted else 1,
            dukungan_sumber_daya="Aplikasi SIAK, perangkat perekaman, dan jaringan internet.",
            skema_pertanggungjawaban="Laporan bulanan kepada atasan langsung dan rekap triwulan.",
            konsekuensi="Capaian di bawah target dibahas dalam pembinaan bersama atasan.",
            alasan_dikembalikan=RETURN_SKP if status == StatusSkp.DIKEMBALIKAN else None,
            snapshot_dikembalikan=None, penilai_id=p.atasan_id if approved else None,
            diajukan_at=_at(base_day) if submitted else None,
            ditetapkan_at=_at(base_day + timedelta(days=5)) if approved else None,
            created_at=_at(base_day - timedelta(days=3)), updated_at=_at(base_day))
        pool = HEAD_RHK if head and p.atasan_id is None else MID_RHK if head else STAFF_RHK
        parent_rhk = self.set_rhk.get(p.atasan_id, [])
        rhk_ids, indikator = [], []
        for n, uraian in enumerate(rng.sample(pool, 3 if head else rng.randint(2, 3)), start=1):
            jenis = JenisRhk.UTAMA if n <= 2 else JenisRhk.TAMBAHAN
            rhk_id = r.add(Rhk, skp_id=skp_id, jenis=jenis, urutan=n, uraian=uraian, revisi=1,
                           rhk_atasan_id=rng.choice(parent_rhk) if parent_rhk else None,
                           asal_id=None, catatan_perbaikan=RETURN_RHK
                           if status == StatusSkp.DIKEMBALIKAN and n == 1 else None)
            rhk_ids.append(rhk_id)
            for m, (text, aspek, angka, satuan, teks) in enumerate(
                    rng.sample(INDIKATOR, rng.randint(1, 2)), start=1):
                ind_id = r.add(IndikatorKinerja, rhk_id=rhk_id, urutan=m, uraian=text,
                               aspek=aspek, target_angka=Decimal(angka) if angka else None,
                               target_satuan=satuan, target_teks=teks)
                indikator.append((ind_id, rhk_id, (angka, satuan, teks)))
        for nilai in NilaiBerakhlak:
            r.add(EkspektasiPerilaku, skp_id=skp_id, nilai=nilai, urutan=BERAKHLAK_ORDER[nilai],
                  ekspektasi_khusus="Menanggapi pemohon paling lambat 15 menit di loket."
                  if nilai == NilaiBerakhlak.BERORIENTASI_PELAYANAN and not head else "")
        actor, penilai = self.users.get(p.id), self.users.get(p.atasan_id)
        self._audit(skp_id, "skp", actor, "dibuat", None, "draf", _at(base_day - timedelta(3)))
        if submitted:
            self._audit(skp_id, "skp", actor, "diajukan", "draf", "diajukan", _at(base_day))
        if status == StatusSkp.DIKEMBALIKAN:
            self._audit(skp_id, "skp", penilai, "dikembalikan", "diajukan", "dikembalikan",
                        _at(base_day + timedelta(days=4)), f"{RETURN_SKP}\n{RETURN_RHK}")
        if approved:
            self._audit(skp_id, "skp", penilai, "ditetapkan", "diajukan", "disetujui",
                        _at(base_day + timedelta(days=5)))
            self.set_rhk[p.id] = rhk_ids
        if state == "revisi_diajukan":
            self._revision(p, skp_id, rhk_ids, indikator, actor)
        return skp_id, indikator

    def _revision(self, p, skp_id: int, rhk_ids: list[int], indikator, actor) -> None:
        """A set SKP revised mid-year: version 2 waits for the supervisor."""
        r = self.rows
        day = date(TAHUN, 7, 1) + timedelta(days=self.rng.randint(0, 30))
        new_id = r.add(
            Skp, pegawai_id=p.id, tahun_kinerja_id=self.year.id, versi=2, sebelumnya_id=skp_id,
            status=StatusSkp.DIAJUKAN, revisi=2, dukungan_sumber_daya="Aplikasi SIAK.",
            skema_pertanggungjawaban="Laporan bulanan.", konsekuensi="Pembinaan oleh atasan.",
            alasan_dikembalikan=None, snapshot_dikembalikan=None, penilai_id=None,
            diajukan_at=_at(day), ditetapkan_at=None, created_at=_at(day), updated_at=_at(day))
        for n, old in enumerate(rhk_ids, start=1):
            jenis = JenisRhk.UTAMA if n <= 2 else JenisRhk.TAMBAHAN
            rhk_id = r.add(Rhk, skp_id=new_id, jenis=jenis, urutan=n,
                           uraian=STAFF_RHK[(n + p.id) % len(STAFF_RHK)], revisi=1,
                           rhk_atasan_id=None, asal_id=old, catatan_perbaikan=None)
            r.add(IndikatorKinerja, rhk_id=rhk_id, urutan=1,
                  uraian="Jumlah layanan jemput bola di kecamatan",
                  aspek=AspekIndikator.KUANTITAS, target_angka=Decimal(24),
                  target_satuan="kegiatan", target_teks=None)
        for nilai in NilaiBerakhlak:
            r.add(EkspektasiPerilaku, skp_id=new_id, nilai=nilai,
                  urutan=BERAKHLAK_ORDER[nilai], ekspektasi_khusus="")
        self._audit(new_id, "skp", actor, "revisi_dibuat", None, "draf", _at(day),
                    "Tugas tambahan layanan jemput bola dari kepala dinas")
        self._audit(new_id, "skp", actor, "diajukan", "draf", "diajukan", _at(day))

    # --- evaluations ---------------------------------------------------------------------------

    def _evaluasi(self, p, skp_id: int, indikator, jenis: JenisPeriode, state: str) -> None:
        r, rng = self.rows, self.rng
        periode = self.periods[jenis]
        quarter = list(JenisPeriode).index(jenis) + 1
        day = periode.selesai + timedelta(days=rng.randint(1, 12))
        status = StatusEvaluasi.DIAJUKAN if state == "diajukan_ulang" else StatusEvaluasi(state)
        submitted = status != StatusEvaluasi.DRAF or state == "diajukan_ulang"
        approved = status == StatusEvaluasi.DISETUJUI
        hasil = perilaku = predikat = None
        if approved:
            hasil = rng.choices(list(Rating), [20, 70, 10])[0]
            perilaku = rng.choices(list(Rating), [15, 78, 7])[0]
            predikat = hitung_predikat(hasil, perilaku)
        realisasi = {}
        for ind_id, _rhk_id, (angka, satuan, teks) in indikator:
            if angka is None:
                realisasi[ind_id] = teks if rng.random() < 0.8 else "Ada dua koreksi kecil"
            else:
                share = Decimal(angka) * quarter / 4 if satuan not in ("persen", "indeks",
                                                                       "hari kerja") else angka
                value = round(float(share) * rng.uniform(0.85, 1.1))
                realisasi[ind_id] = f"{value} {satuan}"
        if state == "draf" and rng.random() < 0.5:
            realisasi = {k: (v if i == 0 else "") for i, (k, v) in enumerate(realisasi.items())}
        returned = state in ("dikembalikan", "diajukan_ulang")
        first = indikator[0][0]
        snapshot = None
        if returned:
            old = dict(realisasi)
            old[first] = "belum direkap"
            snapshot = {"penilaian_diri": SELF[1], "realisasi": {str(k): v for k, v in
                                                                 old.items()}, "bukti": []}
            if state == "dikembalikan":
                realisasi = old
        ev_id = r.add(
            Evaluasi, pegawai_id=p.id, periode_id=periode.id, skp_id=skp_id, status=status,
            revisi=3 if submitted else 2,
            penilaian_diri=(SELF[1] if state == "dikembalikan" else rng.choice(SELF))
            if state != "draf" or rng.random() < 0.5 else "",
            rating_hasil=hasil, rating_perilaku=perilaku, predikat=predikat,
            catatan_dikembalikan="Rekap belum dilampirkan." if state == "dikembalikan" else None,
            snapshot_dikembalikan=snapshot,
            diajukan_at=_at(day) if submitted else None,
            disetujui_at=_at(day + timedelta(days=4)) if approved else None,
            penilai_id=p.atasan_id if approved else None,
            created_at=_at(day - timedelta(days=5)), updated_at=_at(day))
        for ind_id, _rhk_id, _target in indikator:
            r.add(RealisasiIndikator, evaluasi_id=ev_id, indikator_id=ind_id,
                  realisasi=realisasi[ind_id],
                  catatan_perbaikan=RETURN_NOTE if state == "dikembalikan" and ind_id == first
                  else None)
        if state != "draf" or rng.random() < 0.3:
            r.add(BuktiDukung, evaluasi_id=ev_id, indikator_id=first, jenis=JenisBukti.TAUTAN,
                  nama=f"Rekap SIAK triwulan {quarter}",
                  tautan=f"https://arsip.example.go.id/rekap/{p.nip}/tw{quarter}",
                  jenis_mime=None, ukuran=None, kunci_simpan=None, sha256=None,
                  created_at=_at(day))
        if approved:
            for rhk_id in sorted({rhk_id for _i, rhk_id, _t in indikator}):
                r.add(UmpanBalikRhk, evaluasi_id=ev_id, rhk_id=rhk_id, isi=rng.choice(FEEDBACK))
            for nilai in rng.sample(list(NilaiBerakhlak), 2):
                r.add(UmpanBalikPerilaku, evaluasi_id=ev_id, nilai=nilai,
                      isi="Sikap pelayanan ramah dan tanggap." if nilai ==
                      NilaiBerakhlak.BERORIENTASI_PELAYANAN else "Sesuai ekspektasi.")
        actor, penilai = self.users.get(p.id), self.users.get(p.atasan_id)
        self._audit(ev_id, "evaluasi", actor, "dibuat", None, "draf", _at(day - timedelta(5)))
        if submitted:
            self._audit(ev_id, "evaluasi", actor, "diajukan", "draf", "diajukan", _at(day))
        if returned:
            self._audit(ev_id, "evaluasi", penilai, "dikembalikan", "diajukan", "dikembalikan",
                        _at(day + timedelta(days=2)), f"{RETURN_NOTE}")
        if state == "diajukan_ulang":
            self._audit(ev_id, "evaluasi", actor, "diajukan", "dikembalikan", "diajukan",
                        _at(day + timedelta(days=3)))
        if approved:
            self._audit(ev_id, "evaluasi", penilai, "disetujui", "diajukan", "disetujui",
                        _at(day + timedelta(days=4)), str(PREDIKAT_LABEL[predikat]))

    def _audit(self, object_id: int, object_type: str, actor_id: int | None, action: str,
               from_state: str | None, to_state: str | None, at: datetime,
               comment: str | None = None) -> None:
        self.rows.add(AuditEntry, at=at, actor_id=actor_id, object_type=object_type,
                      object_id=object_id, action=action, from_state=from_state,
                      to_state=to_state, comment=comment)


def _advance_sequences() -> None:
    """Explicit ids leave PostgreSQL's sequences behind; move them past the largest id."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    for model in _TABLES:
        table = model.__tablename__
        db.session.execute(sa.text(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT coalesce(max(id), 1) FROM {table}))"))

"""Demo peer feedback, keberatan and organisation predikat, built after the appraisal demo
(``portal/demo/appraisals.py``) on the evaluations it left: the demo pejabat penilai's team gets
one evaluation with enough peer answers for the aggregate and one with too few (some still in
colleagues' inboxes, one of them the demo pegawai's), one keberatan waiting for the atasan of the
pejabat penilai and one decided; every OPD of the demo pemda gets an organisation predikat, so
the calibration table on the monitoring page has something to say. A few colleagues and the
atasan of the pejabat penilai get accounts (added to the demo logins).

Deterministic for a seed; a few dozen rows, so it adds nothing noticeable to the build time."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

import sqlalchemy as sa
from flask import current_app

from portal.appraisals.evaluasi.models import PREDIKAT_LABEL, Evaluasi, Rating, StatusEvaluasi
from portal.appraisals.keberatan.models import Keberatan, PutusanKeberatan, StatusKeberatan
from portal.appraisals.pemantauan.models import PredikatOrganisasi, PredikatOrganisasiNilai
from portal.appraisals.periode.models import Periode
from portal.appraisals.predikat import predikat_for
from portal.appraisals.skp.models import NilaiBerakhlak
from portal.appraisals.umpan_balik.models import (
    NilaiUmpanBalikRekan,
    PermintaanUmpanBalik,
    StatusUmpanBalik,
)
from portal.auth.models import RoleAssignment, User
from portal.core.models import AuditEntry
from portal.core.roles import Role
from portal.extensions import db
from portal.org.models import Opd, Pegawai

DEMO_OPD_SLUG = "disdukcapil-kota-bandar-lampung"

KOMENTAR = [
    "Selalu sigap membantu pemohon lansia di loket; penjelasannya mudah dipahami.",
    "Teliti memeriksa berkas, jarang ada yang dikembalikan karena salah input.",
    "Sesekali terlambat menyerahkan rekap harian; selebihnya bekerja sama dengan baik.",
    "Mau belajar aplikasi baru dan mengajari rekan yang belum bisa.",
    "Perlu lebih tenang saat antrean ramai; kadang nada bicaranya meninggi.",
]
ALASAN_KEBERATAN = [
    "Realisasi perekaman saya 112% dari target dan tidak ada keluhan pemohon, tetapi rating "
    "hasil kerja hanya sesuai ekspektasi. Mohon ditinjau dengan rekap aplikasi terlampir.",
    "Seluruh berkas triwulan ini selesai tepat waktu dan saya menjalankan layanan jemput bola "
    "di tiga kecamatan, tetapi hal itu tidak tercermin dalam rating. Mohon ditinjau ulang "
    "dengan laporan kegiatan terlampir.",
]
#: share of OPDs per organisation predikat (the demo OPD is always "baik")
ORG_WEIGHTS = {
    PredikatOrganisasiNilai.ISTIMEWA: 2,
    PredikatOrganisasiNilai.BAIK: 6,
    PredikatOrganisasiNilai.BUTUH_PERBAIKAN: 2,
    PredikatOrganisasiNilai.KURANG: 1,
}


def _at(day, hour: int = 3) -> datetime:
    """A UTC time stamp on that day (03.00 UTC is 10.00 WIB)."""
    return datetime.combine(day, time(hour, 0))


def _nip_of(logins: list[dict[str, str]], role: str) -> str | None:
    return next((login["username"] for login in logins if login.get("role") == role), None)


class _Demo:
    def __init__(self, rng: random.Random, password_hash: str) -> None:
        self.rng = rng
        self.password_hash = password_hash
        self.counts: dict[str, int] = {}
        self.logins: list[dict[str, str]] = []

    def count(self, table: str, n: int = 1) -> None:
        self.counts[table] = self.counts.get(table, 0) + n

    def account(self, pegawai: Pegawai, role: str, description: str, login: bool = True) -> User:
        user = db.session.scalar(sa.select(User).where(User.pegawai_id == pegawai.id))
        if user is None:
            user = User(username=pegawai.nip, nama=pegawai.nama, pegawai=pegawai,
                        password_hash=self.password_hash)
            db.session.add(user)
            self.count("user_account")
        if login and user.password_hash == self.password_hash and not any(
                login["role"] == role for login in self.logins):
            self.logins.append({"role": role, "username": user.username, "nama": pegawai.nama,
                                "description": description,
                                "password": current_app.config["PORTAL_DEMO_PASSWORD"]})
        return user

    def audit(self, actor: User | None, obj, action: str, at: datetime, *, from_state=None,
              to_state=None, comment=None) -> None:
        db.session.add(AuditEntry(actor_id=actor.id if actor else None,
                                  object_type=obj.__tablename__, object_id=obj.id, action=action,
                                  from_state=from_state, to_state=to_state, comment=comment, at=at))

    # --- peer feedback ---------------------------------------------------------------------

    def feedback(self, evaluasi: Evaluasi, penilai_user: User, rekan: list[Pegawai],
                 answered: int, declined: int = 0) -> None:
        asked_at = _at(evaluasi.periode.batas - timedelta(days=10))
        for i, person in enumerate(rekan):
            waiting = i >= answered + declined
            account = self.account(person, "rekan_kerja",
                                   "Rekan kerja: menjawab permintaan umpan balik yang menunggu di "
                                   "menu \u201cUmpan balik rekan\u201d.", login=waiting)
            permintaan = PermintaanUmpanBalik(evaluasi=evaluasi, rekan=person,
                                              peminta_id=penilai_user.pegawai_id,
                                              status=StatusUmpanBalik.DIMINTA,
                                              created_at=asked_at, updated_at=asked_at)
            db.session.add(permintaan)
            db.session.flush()
            self.count("umpan_balik_rekan")
            self.audit(penilai_user, permintaan, "diminta", asked_at, to_state="diminta",
                       comment=person.nama)
            when = asked_at + timedelta(days=1 + i)
            if i < answered:
                permintaan.status = StatusUmpanBalik.DIJAWAB
                permintaan.komentar = KOMENTAR[(i + evaluasi.id) % len(KOMENTAR)]
                permintaan.dijawab_at = when
                for nilai in NilaiBerakhlak:
                    rating = self.rng.choices(list(Rating), weights=(2, 6, 1))[0]
                    permintaan.nilai.append(NilaiUmpanBalikRekan(nilai=nilai, rating=rating))
                self.count("umpan_balik_rekan_nilai", len(NilaiBerakhlak))
                self.audit(account, permintaan, "dijawab", when, from_state="diminta",
                           to_state="dijawab")
            elif i < answered + declined:
                permintaan.status = StatusUmpanBalik.DITOLAK
                permintaan.alasan_tolak = "Jarang bekerja bersama pada triwulan ini."
                permintaan.dijawab_at = when
                self.audit(account, permintaan, "ditolak", when, from_state="diminta",
                           to_state="ditolak", comment=permintaan.alasan_tolak)

    # --- keberatan ----------------------------------------------------------------------------

    def keberatan(self, evaluasi: Evaluasi, pemutus: Pegawai, pemutus_user: User,
                  decide: bool) -> None:
        pegawai_user = db.session.scalar(sa.select(User).where(
            User.pegawai_id == evaluasi.pegawai_id))
        filed = evaluasi.disetujui_at + timedelta(days=3)
        alasan = ALASAN_KEBERATAN[0 if decide else 1]
        keberatan = Keberatan(evaluasi=evaluasi, pegawai_id=evaluasi.pegawai_id, pemutus=pemutus,
                              status=StatusKeberatan.DIAJUKAN, alasan=alasan, diajukan_at=filed,
                              rating_hasil_awal=evaluasi.rating_hasil,
                              rating_perilaku_awal=evaluasi.rating_perilaku,
                              predikat_awal=evaluasi.predikat, created_at=filed, updated_at=filed)
        db.session.add(keberatan)
        db.session.flush()
        self.count("keberatan")
        self.audit(pegawai_user, keberatan, "diajukan", filed, to_state="diajukan", comment=alasan)
        self.audit(pegawai_user, evaluasi, "keberatan_diajukan", filed, comment=alasan)
        if not decide:
            return
        decided = filed + timedelta(days=5)
        old = evaluasi.predikat
        hasil = Rating.DI_ATAS if evaluasi.rating_hasil != Rating.DI_ATAS else Rating.SESUAI
        predikat = predikat_for(hasil, evaluasi.rating_perilaku)
        reason = ("Rekap aplikasi SIAK menunjukkan realisasi di atas target dan tanpa keluhan; "
                  "rating hasil kerja disesuaikan.")
        keberatan.status, keberatan.putusan = StatusKeberatan.DIPUTUS, PutusanKeberatan.DIUBAH
        keberatan.alasan_putusan, keberatan.diputus_at = reason, decided
        keberatan.rating_hasil_akhir = hasil
        keberatan.rating_perilaku_akhir = evaluasi.rating_perilaku
        keberatan.predikat_akhir = predikat
        evaluasi.rating_hasil, evaluasi.predikat = hasil, predikat
        self.audit(pemutus_user, keberatan, "diputus", decided, from_state="diajukan",
                   to_state="diputus", comment=reason)
        self.audit(pemutus_user, evaluasi, "keberatan_diputus", decided,
                   comment=f"Rating diubah: predikat {PREDIKAT_LABEL[old]} → "
                           f"{PREDIKAT_LABEL[predikat]}. {reason}")


def _pemda_admin(demo_opd: Opd, demo: _Demo) -> None:
    """An admin pemda of the demo OPD's own pemda (the foundation's demo admin serves the
    province), to show the pemda overview with data and to set organisation predikat."""
    username = "admin.bandarlampung"
    if db.session.scalar(sa.select(User.id).where(User.username == username)):
        return
    user = User(username=username, nama="Admin BKPSDM Kota Bandar Lampung",
                password_hash=demo.password_hash)
    user.roles.append(RoleAssignment(role=Role.ADMIN_PEMDA, pemda_id=demo_opd.pemda_id))
    db.session.add(user)
    demo.count("user_account")
    demo.logins.append({
        "role": Role.ADMIN_PEMDA.value, "username": username, "nama": user.nama,
        "description": "Admin pemda Kota Bandar Lampung: pemantauan kinerja semua OPD dan "
                       "predikat organisasi OPD.",
        "password": current_app.config["PORTAL_DEMO_PASSWORD"]})


def _organisation_predikat(rng: random.Random, demo_opd: Opd, demo: _Demo) -> None:
    opds = db.session.scalars(sa.select(Opd).where(Opd.pemda_id == demo_opd.pemda_id)
                              .order_by(Opd.id))
    choices, weights = list(ORG_WEIGHTS), list(ORG_WEIGHTS.values())
    for opd in opds:
        value = (PredikatOrganisasiNilai.BAIK if opd.id == demo_opd.id
                 else rng.choices(choices, weights=weights)[0])
        db.session.add(PredikatOrganisasi(opd=opd, predikat=value))
        demo.count("predikat_organisasi")


def _evaluations(bawahan_ids: list[int], status: StatusEvaluasi) -> list[Evaluasi]:
    return list(db.session.scalars(
        sa.select(Evaluasi).join(Periode).where(Evaluasi.pegawai_id.in_(bawahan_ids),
                                                Evaluasi.status == status)
        .order_by(Periode.urutan, Evaluasi.pegawai_id)))


def build_demo_feedback(seed: int = 2026, logins: list[dict[str, str]] | None = None
                        ) -> tuple[dict[str, int], list[dict[str, str]]]:
    """Flushes, the caller commits. Returns row counts and the logins it added."""
    rng = random.Random(seed + 3)
    logins = logins or []
    demo_opd = db.session.scalar(sa.select(Opd).where(Opd.slug == DEMO_OPD_SLUG))
    penilai_nip = _nip_of(logins, "pejabat_penilai")
    penilai = db.session.scalar(sa.select(Pegawai).where(Pegawai.nip == penilai_nip))
    penilai_user = db.session.scalar(sa.select(User).where(User.username == penilai_nip))
    if demo_opd is None or penilai is None or penilai_user is None:
        return {}, []
    demo = _Demo(rng, penilai_user.password_hash)
    _organisation_predikat(rng, demo_opd, demo)
    _pemda_admin(demo_opd, demo)

    pegawai_nip = _nip_of(logins, "pegawai")
    demo_pegawai = db.session.scalar(sa.select(Pegawai).where(Pegawai.nip == pegawai_nip))
    bawahan_ids = [p.id for p in penilai.bawahan if p.aktif]
    approved = _evaluations(bawahan_ids, StatusEvaluasi.DISETUJUI)
    submitted = _evaluations(bawahan_ids, StatusEvaluasi.DIAJUKAN)
    # colleagues: the penilai's other staff first, then others of the OPD
    colleagues = list(db.session.scalars(
        sa.select(Pegawai).where(Pegawai.opd_id == demo_opd.id, Pegawai.aktif,
                                 Pegawai.id != penilai.id)
        .order_by(sa.case((Pegawai.atasan_id == penilai.id, 0), else_=1), Pegawai.id)
        .limit(12)))

    def rekan_for(evaluasi: Evaluasi, n: int, include_demo: bool = False) -> list[Pegawai]:
        pool = [c for c in colleagues if c.id != evaluasi.pegawai_id]
        if demo_pegawai is not None and demo_pegawai in pool:
            pool.remove(demo_pegawai)
            if include_demo:
                pool.insert(0, demo_pegawai)
        return pool[:n]

    # ≥3 answers (the aggregate shows): the demo pegawai's own approved evaluation if any
    own = [e for e in approved if demo_pegawai is not None and e.pegawai_id == demo_pegawai.id]
    rich = own[0] if own else (approved[0] if approved else None)
    if rich is not None:
        demo.feedback(rich, penilai_user, rekan_for(rich, 4), answered=3, declined=1)
    # fewer than 3: a submitted evaluation the penilai is rating, one request in the demo
    # pegawai's inbox
    few = next((e for e in submitted if demo_pegawai is None or e.pegawai_id != demo_pegawai.id),
               None)
    if few is not None:
        demo.feedback(few, penilai_user, rekan_for(few, 3, include_demo=True)[::-1], answered=1)

    pemutus = penilai.atasan
    if pemutus is not None:
        pemutus_user = demo.account(
            pemutus, "atasan_pejabat_penilai",
            "Atasan pejabat penilai: memutus keberatan atas predikat dari menu \u201cKeberatan\u201d.")
        db.session.flush()
        decided = rich
        others = [e for e in reversed(approved) if e is not decided]
        pending = next((e for e in others if decided is None
                        or e.pegawai_id != decided.pegawai_id), others[0] if others else None)
        if decided is not None:
            demo.keberatan(decided, pemutus, pemutus_user, decide=True)
        if pending is not None:
            demo.keberatan(pending, pemutus, pemutus_user, decide=False)
    db.session.flush()
    return demo.counts, demo.logins

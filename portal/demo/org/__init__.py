"""A realistic, deterministic demo dataset: the pemda of Lampung (and Kota Medan) with their OPDs,
unit trees, services, pegawai with NIPs and supervisors, their accounts, and staff accounts for
every role.

Built for size: rows go in with Core bulk inserts in batches, primary keys are assigned here (so
no row needs a round trip), and each OPD is generated and written before the next, so memory
stays bounded even at a million pegawai. Same seed, same data.
"""

from __future__ import annotations

import functools
import json
import math
import random
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import current_app

from portal.auth.models import RoleAssignment, User
from portal.core.models import utcnow
from portal.core.roles import Role
from portal.core.text import slugify
from portal.demo.org.catalog import OpdSpec, PemdaRef, opd_specs
from portal.demo.org.jabatan import PROFILES
from portal.demo.org.layanan import LAYANAN
from portal.demo.org.people import GAYA_LAMPUNG, GAYA_MEDAN, PeopleFactory
from portal.demo.org.plan import (
    Unit,
    allocate,
    build_tree,
    fixed_capacity,
    head_order,
    heads_to_fill,
    spread,
)
from portal.extensions import db
from portal.org.models import (
    JenisJabatan,
    Layanan,
    Opd,
    Pegawai,
    Pemda,
    TingkatWilayah,
    UnitKerja,
    Wilayah,
)
from portal.org.reference import PROVINSI, load_reference, pemda_slug

#: ages and years of service are computed against this date, never against the clock
REFERENCE_DATE = date(2026, 1, 1)
BATCH_SIZE = 5000
DEMO_OPD_SLUG = "disdukcapil-kota-bandar-lampung"
#: enough people in the demo OPD for a supervisor with several staff
DEMO_OPD_MINIMUM = 30
#: a province's OPDs against those of an average kabupaten (it runs all SMA/SMK and RSUDAM)
PROVINSI_SKALA = 1.5

_TABLES = (Opd, UnitKerja, Layanan, Pegawai, User, RoleAssignment)


@dataclass
class DemoResult:
    #: {"role", "username", "password", "nama", "description"} per demo login
    logins: list[dict[str, str]]
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class _OpdPlan:
    spec: OpdSpec
    pemda_id: int
    pemda: PemdaRef
    slug: str
    wilayah_id: int | None
    pegawai: int = 0


def demo_is_needed() -> bool:
    return db.session.scalar(sa.select(Opd.id).limit(1)) is None


def write_logins(path: str | Path, logins: list[dict[str, str]]) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(logins, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def build_demo_data(n_pegawai: int = 600, seed: int = 2026) -> DemoResult:
    """Build the demo on top of the reference data. Flushes; the caller commits. Refuses to run
    when demo OPDs are already there rather than duplicate them."""
    load_reference()
    rng = random.Random(seed)
    plans = _plan_opds()
    _refuse_duplicates(plans)
    _allocate(plans, n_pegawai)
    password_hash = _demo_password_hash()
    builder = _Builder(rng, password_hash)
    for plan in plans:
        builder.build_opd(plan)
    logins = builder.finish()
    return DemoResult(logins, dict(builder.counts))


# --- planning ----------------------------------------------------------------------------------

def _pemda_refs() -> list[tuple[int, int, PemdaRef]]:
    """(pemda id, wilayah id, reference) of every reference pemda, in reference order."""
    wilayah = {w.kode: w for w in db.session.scalars(sa.select(Wilayah))}
    children: dict[int, list[Wilayah]] = {}
    for w in sorted(wilayah.values(), key=lambda w: w.kode):
        if w.parent_id is not None:
            children.setdefault(w.parent_id, []).append(w)
    pemda_by_slug = {p.slug: p for p in db.session.scalars(sa.select(Pemda))}
    refs = []
    for prov in PROVINSI:
        regions = []
        if prov.pemda:
            regions.append((TingkatWilayah.PROVINSI, prov.nama, prov.kode, PROVINSI_SKALA))
        # staff grow slower than population: Lampung Tengah has about three times the ASN of
        # Pesisir Barat for nine times the people
        regions += [(kab.tingkat, kab.nama, kab.kode, math.sqrt(kab.penduduk_ribu / 1000))
                    for kab in prov.kabkota if kab.pemda]
        for tingkat, nama, kode, skala in regions:
            pemda = pemda_by_slug[pemda_slug(tingkat, nama)]
            refs.append((pemda.id, wilayah[kode].id,
                         _pemda_ref(pemda.slug, tingkat, wilayah[kode], children, skala)))
    return refs


def _pemda_ref(slug: str, tingkat: TingkatWilayah, region: Wilayah,
               children: dict[int, list[Wilayah]], skala: float) -> PemdaRef:
    below = children.get(region.id, [])
    kecamatan = tuple((w.kode, w.nama) for w in below if w.tingkat == TingkatWilayah.KECAMATAN)
    kelurahan = {w.nama: tuple(c.nama for c in children.get(w.id, []))
                 for w in below if w.tingkat == TingkatWilayah.KECAMATAN}
    kabkota = tuple(w.nama for w in below
                    if w.tingkat in (TingkatWilayah.KABUPATEN, TingkatWilayah.KOTA))
    return PemdaRef(slug, tingkat, region.nama, kecamatan, kabkota, kelurahan, skala)


def _plan_opds() -> list[_OpdPlan]:
    kecamatan_ids = dict(db.session.execute(
        sa.select(Wilayah.kode, Wilayah.id).where(Wilayah.tingkat == TingkatWilayah.KECAMATAN)
    ).all())
    plans = []
    for pemda_id, wilayah_id, ref in _pemda_refs():
        for spec in opd_specs(ref):
            slug = slugify(f"{spec.singkatan or spec.nama} {ref.slug}")
            where = kecamatan_ids[spec.wilayah_kode] if spec.wilayah_kode else wilayah_id
            plans.append(_OpdPlan(spec, pemda_id, ref, slug, where))
    return plans


def _refuse_duplicates(plans: list[_OpdPlan]) -> None:
    taken = db.session.scalars(
        sa.select(Opd.slug).where(Opd.slug.in_([p.slug for p in plans])).limit(1)).first()
    taken = taken or db.session.scalars(sa.select(User.username).where(
        User.username.in_([account[1] for account in _STAFF_ACCOUNTS])).limit(1)).first()
    if taken is not None:
        raise RuntimeError(f"Demo data is already present ({taken!r} exists).")


def _allocate(plans: list[_OpdPlan], n_pegawai: int) -> None:
    def minimum(plan: _OpdPlan) -> int:
        if plan.slug == DEMO_OPD_SLUG:
            return DEMO_OPD_MINIMUM
        return 1 if plan.spec.key == "setda" else 0  # every pemda has its Sekda

    counts = allocate(n_pegawai, [p.spec.bobot * p.pemda.skala for p in plans],
                      [fixed_capacity(p.spec) for p in plans], [minimum(p) for p in plans])
    for plan, count in zip(plans, counts, strict=True):
        plan.pegawai = count


def _demo_password_hash() -> str:
    """One scrypt hash shared by every demo account: hashing per account would take hours at
    a hundred thousand accounts, and the demo password is public anyway."""
    return _hash_of(current_app.config["PORTAL_DEMO_PASSWORD"])


@functools.lru_cache(maxsize=4)
def _hash_of(password: str) -> str:
    # cached so repeated builds in one process (the tests) pay for scrypt once
    user = User()
    user.set_password(password)
    return user.password_hash


# --- writing -----------------------------------------------------------------------------------

class _Writer:
    """Buffers rows per table and inserts them in batches, parents' tables first so foreign
    keys hold at every flush."""

    def __init__(self) -> None:
        self.buffers: dict[sa.Table, list[dict[str, Any]]] = {m.__table__: [] for m in _TABLES}

    def add(self, model: type, row: dict[str, Any]) -> None:
        buffer = self.buffers[model.__table__]
        buffer.append(row)
        if len(buffer) >= BATCH_SIZE:
            self.flush()

    def flush(self) -> None:
        for table, rows in self.buffers.items():
            if rows:
                db.session.execute(sa.insert(table), rows)
                rows.clear()


class _Ids:
    """Primary keys handed out here, after the largest id already in each table."""

    def __init__(self) -> None:
        self.last = {m: db.session.scalar(sa.select(sa.func.max(m.id))) or 0 for m in _TABLES}

    def next(self, model: type) -> int:
        self.last[model] += 1
        return self.last[model]


class _Builder:
    def __init__(self, rng: random.Random, password_hash: str) -> None:
        self.rng = rng
        self.password_hash = password_hash
        self.now = utcnow()  # bookkeeping time stamps only; the data itself never reads the clock
        self.ids = _Ids()
        self.writer = _Writer()
        used = {int(n) for n in db.session.scalars(sa.select(Pegawai.nip)) if n.isdigit()}
        self.people = PeopleFactory(rng, REFERENCE_DATE, used)
        self.sekda: dict[int, int] = {}
        self.counts: dict[str, int] = {m.__tablename__: 0 for m in _TABLES}
        self.scopes: dict[str, int] = {}
        self.demo_staff: list[dict[str, Any]] = []

    # --- one OPD -------------------------------------------------------------------------

    def build_opd(self, plan: _OpdPlan) -> None:
        spec = plan.spec
        opd_id = self.ids.next(Opd)
        self.scopes[plan.slug] = opd_id
        self.scopes.setdefault(f"pemda:{plan.pemda.slug}", plan.pemda_id)
        self.people.set_gaya(GAYA_MEDAN if plan.pemda.slug == "kota-medan" else GAYA_LAMPUNG)
        self._add(Opd, {"id": opd_id, "pemda_id": plan.pemda_id, "nama": spec.nama,
                        "singkatan": spec.singkatan, "jenis": spec.jenis, "slug": plan.slug,
                        "wilayah_id": plan.wilayah_id, "alamat": None, "aktif": True})
        units = build_tree(spec, plan.pegawai, lambda: self.ids.next(UnitKerja))
        for unit in units:
            self._add(UnitKerja, {"id": unit.id, "opd_id": opd_id, "nama": unit.nama,
                                  "jenis": unit.jenis, "aktif": True,
                                  "parent_id": unit.parent.id if unit.parent else None})
        self._add_layanan(spec, opd_id, units)
        if plan.pegawai:
            self._add_people(plan, opd_id, units)

    def _add_layanan(self, spec: OpdSpec, opd_id: int, units: list[Unit]) -> None:
        unit_ids = {u.nama: u.id for u in units}
        for key in spec.layanan:
            layanan = LAYANAN[key]
            self._add(Layanan, {
                "id": self.ids.next(Layanan), "opd_id": opd_id, "nama": layanan.nama,
                "unit_id": unit_ids.get(layanan.unit) if layanan.unit else None,
                "slug": slugify(layanan.nama), "persyaratan": "\n".join(layanan.persyaratan),
                "prosedur": "\n".join(layanan.prosedur),
                "waktu_penyelesaian_hari": layanan.waktu_penyelesaian_hari,
                "biaya_rupiah": layanan.biaya_rupiah, "produk": layanan.produk, "aktif": True})

    def _add_people(self, plan: _OpdPlan, opd_id: int, units: list[Unit]) -> None:
        """Positions are filled top-down: the OPD head, then unit heads level by level as far
        as the OPD's size allows, then staff in the leaf units under the nearest head."""
        head_id = self._add_opd_head(plan, opd_id, units)
        order = head_order(units)
        for unit in order[:heads_to_fill(plan.pegawai, len(order))]:
            row = self.people.kepala(unit.kepala, unit.kepala_jenis, PROFILES[unit.profil])
            unit.head_id = self._add_pegawai(row, opd_id, unit.id,
                                             unit.nearest_head(False) or head_id, plan.slug)
        staff = plan.pegawai - 1 - sum(1 for u in units if u.head_id is not None)
        leaves = [u for u in units if not u.children]
        for unit, count in zip(leaves, spread(self.rng, staff, [u.bobot for u in leaves]),
                               strict=True):
            profil = PROFILES[unit.profil]
            atasan_id = unit.nearest_head() or head_id
            for _ in range(count):
                self._add_pegawai(self.people.staf(profil), opd_id, unit.id, atasan_id, plan.slug)

    def _add_opd_head(self, plan: _OpdPlan, opd_id: int, units: list[Unit]) -> int:
        """The kepala dinas (camat, direktur …) reports to the pemda's Sekda; the Sekda to no
        one on the portal. With no unit for the OPD itself, the head's record sits in the unit
        that serves the leadership (the Sekretariat)."""
        spec = plan.spec
        home = next(u for u in units if u.nama == spec.home)
        setda = spec.key == "setda"
        senior = setda and plan.pemda.tingkat == TingkatWilayah.PROVINSI  # JPT Madya
        row = self.people.kepala(spec.kepala, spec.kepala_jenis, PROFILES[spec.profil],
                                 ("IV/d", "IV/e") if senior else None)
        atasan = None if setda else self.sekda.get(plan.pemda_id)
        head_id = self._add_pegawai(row, opd_id, home.id, atasan, plan.slug)
        if setda:
            self.sekda[plan.pemda_id] = head_id
        return head_id

    def _add_pegawai(self, row: dict[str, Any], opd_id: int, unit_id: int, atasan_id: int | None,
                     opd_slug: str) -> int:
        pegawai_id = self.ids.next(Pegawai)
        row.update(id=pegawai_id, opd_id=opd_id, unit_id=unit_id, atasan_id=atasan_id,
                   email=None, aktif=True)
        self._add(Pegawai, row)
        self._add_user(row["nip"], row["nama"], pegawai_id)
        if opd_slug == DEMO_OPD_SLUG:
            self.demo_staff.append(row)
        return pegawai_id

    def _add_user(self, username: str, nama: str, pegawai_id: int | None) -> int:
        user_id = self.ids.next(User)
        self._add(User, {"id": user_id, "username": username, "nama": nama, "email": None,
                         "password_hash": self.password_hash, "pegawai_id": pegawai_id,
                         "aktif": True, "session_version": 1, "last_login_at": None})
        return user_id

    def _add(self, model: type, row: dict[str, Any]) -> None:
        if model is not RoleAssignment:
            row.update(created_at=self.now, updated_at=self.now)
        self.counts[model.__tablename__] = self.counts.get(model.__tablename__, 0) + 1
        self.writer.add(model, row)

    # --- the end -------------------------------------------------------------------------

    def finish(self) -> list[dict[str, str]]:
        logins = self._staff_accounts() + self._pegawai_logins()
        self.writer.flush()
        _advance_sequences()
        password = current_app.config["PORTAL_DEMO_PASSWORD"]
        return [{**login, "password": password} for login in logins]

    def _staff_accounts(self) -> list[dict[str, str]]:
        self.people.set_gaya(GAYA_LAMPUNG)  # every staff account serves a Lampung pemda
        logins = []
        for role, username, scope, description in _STAFF_ACCOUNTS:
            nama = self.people.nama(self.rng.random() < 0.5)
            user_id = self._add_user(username, nama, None)
            scope_id = self.scopes[scope]
            pemda_scoped = scope.startswith("pemda:")
            self._add(RoleAssignment, {
                "id": self.ids.next(RoleAssignment), "user_id": user_id, "role": role,
                "pemda_id": scope_id if pemda_scoped else None,
                "opd_id": None if pemda_scoped else scope_id})
            logins.append({"role": role.value, "username": username, "nama": nama,
                           "description": description})
        return logins

    def _pegawai_logins(self) -> list[dict[str, str]]:
        """A pelaksana of the demo OPD, and their atasan: the supervisor in that OPD with the
        most staff, so the pejabat penilai view has several people to rate."""
        bawahan: dict[int, int] = {}
        for row in self.demo_staff:
            if row["atasan_id"] is not None:
                bawahan[row["atasan_id"]] = bawahan.get(row["atasan_id"], 0) + 1
        by_id = {row["id"]: row for row in self.demo_staff}
        pelaksana = [r for r in self.demo_staff
                     if r["jenis_jabatan"] == JenisJabatan.PELAKSANA and r["atasan_id"] in by_id]
        if not pelaksana:
            raise RuntimeError("the demo OPD has no pelaksana with a supervisor")
        chosen = max(pelaksana, key=lambda r: (bawahan[r["atasan_id"]], -r["id"]))
        atasan = by_id[chosen["atasan_id"]]
        return [
            {"role": "pegawai", "username": chosen["nip"], "nama": chosen["nama"],
             "description": f"Pegawai: {chosen['jabatan']}, Disdukcapil Kota Bandar Lampung; "
                            "menyusun SKP dan mengisi evaluasi berkala."},
            {"role": "pejabat_penilai", "username": atasan["nip"], "nama": atasan["nama"],
             "description": f"Pejabat penilai: {atasan['jabatan']}, atasan langsung "
                            f"{bawahan[atasan['id']]} pegawai; menyetujui SKP dan menilai."},
        ]


#: (role, username, scope key, description); a scope is an OPD slug or "pemda:<slug>"
_STAFF_ACCOUNTS = (
    (Role.ADMIN_PEMDA, "admin.lampung", "pemda:provinsi-lampung",
     "Admin pemda Provinsi Lampung (BKD): OPD, pengguna, publikasi periode, pengaturan."),
    (Role.KOORDINATOR_PENGADUAN, "koordinator.bandarlampung", "pemda:kota-bandar-lampung",
     "Koordinator pengaduan Kota Bandar Lampung: memverifikasi dan mendisposisikan pengaduan."),
    (Role.ADMIN_OPD, "admin.disdukcapil.bdl", DEMO_OPD_SLUG,
     "Admin OPD Disdukcapil Kota Bandar Lampung: unit, pegawai, layanan, periode."),
    (Role.PETUGAS_PENGADUAN, "petugas.disdukcapil.bdl", DEMO_OPD_SLUG,
     "Petugas pengaduan Disdukcapil Kota Bandar Lampung: menindaklanjuti pengaduan."),
)


def _advance_sequences() -> None:
    """Explicit ids leave PostgreSQL's sequences behind; move them past the largest id so the
    next ordinary insert does not collide. SQLite needs nothing."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    for model in _TABLES:
        table = model.__tablename__
        db.session.execute(sa.text(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT max(id) FROM {table}))"))

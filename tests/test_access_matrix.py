"""Who may open which URL: every rule of ``app.url_map`` × every role × objects inside and outside
the actor's scope (tests/access_world.py builds them).

``TABLE`` lists each (method, rule) with the roles let in per object variant, or marks it public.
A route added without an entry, or an entry whose route is gone, fails
``test_every_route_is_in_the_table``. The table is keyed by the URL rule, never by endpoint name,
so moving views between modules does not touch it.

The answers compared (see ``answer_of``):
- ``ok``: let in. A GET answers 200 (or the codes the entry lists: some pages redirect); a POST,
  sent with the CSRF token and only the fields its entry names, answers anything but 401, 403,
  404, a server error or a redirect to sign-in (a re-rendered form, 400, 409, 422 and 303 all
  mean the view got past the authorisation check);
- ``refused``: 403 or 404; ``sign-in``: the anonymous visitor redirected to /masuk.

Cells whose answer is wrong today are marked ``xfail(strict=True)`` with the right expectation,
so the suite says so the day they are fixed. Each cell runs inside a SAVEPOINT that is rolled
back, so a POST that succeeds changes nothing for the next cell; the world is built once."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from flask import Flask

from portal.extensions import db as _db
from portal.extensions import limiter
from portal.scorecards import cache
from tests.access_world import (
    ORG_VARIANTS,
    PEGAWAI_VARIANTS,
    PENGADUAN_VARIANTS,
    build_access_world,
)
from tests.conftest import PortalClient

# --- the roles -------------------------------------------------------------------------------

ANONIM = "anonim"
PEGAWAI = "pegawai"                      # Dewi: her own SKP and evaluations
PENILAI = "penilai"                      # Ahmad, Dewi's and Budi's pejabat penilai
ATASAN_PENILAI = "atasan_penilai"        # Sri, Ahmad's atasan: decides Dewi's keberatan
ADMIN_OPD = "admin_opd"                  # Disdukcapil
PETUGAS = "petugas_pengaduan"            # Disdukcapil
KOORDINATOR = "koordinator_pengaduan"    # Kota Bandar Lampung
KOORDINATOR_PROVINSI = "koordinator_provinsi"  # Provinsi Lampung (its area holds Kota Metro)
ADMIN_PEMDA = "admin_pemda"              # Kota Bandar Lampung

#: role → its account in the test world
ACCOUNT = {PEGAWAI: "pegawai", PENILAI: "atasan", ATASAN_PENILAI: "kabid", ADMIN_OPD: "admin_opd",
           PETUGAS: "petugas_pengaduan", KOORDINATOR: "koordinator_pengaduan",
           KOORDINATOR_PROVINSI: "koordinator_provinsi", ADMIN_PEMDA: "admin_pemda"}
ROLES = (ANONIM, *ACCOUNT)
#: two actors tried only where their place in the tree matters, to keep the matrix fast
WHERE_ONLY = {ATASAN_PENILAI: "/kinerja", KOORDINATOR_PROVINSI: "/meja"}
SIGNED_IN = frozenset(ACCOUNT)
WITH_PEGAWAI = frozenset({PEGAWAI, PENILAI, ATASAN_PENILAI})  # accounts of an ASN
ADMINS = frozenset({ADMIN_OPD, ADMIN_PEMDA})
KOORDINATORS = frozenset({KOORDINATOR, KOORDINATOR_PROVINSI})

OK, REFUSED, SIGN_IN = "ok", "refused", "sign-in"

# --- which object fills a URL parameter ------------------------------------------------------

#: URL parameter → the kind of object (tests/access_world.py: ``ids[kind, variant]``)
PARAM_KIND = {
    "skp_id": "skp", "rhk_id": "rhk", "indikator_id": "indikator", "evaluasi_id": "evaluasi",
    "bukti_id": "bukti", "tahun_id": "tahun", "periode_id": "periode",
    "permintaan_id": "permintaan", "pengaduan_id": "pengaduan", "kaitan_id": "kaitan",
    "opd_id": "opd", "unit_id": "unit", "layanan_id": "layanan", "pegawai_id": "pegawai",
    "notifikasi_id": "notifikasi", "day_id": "hari_libur", "publikasi_id": "publikasi",
    "slug": "slug", "lampiran_id": "lampiran", "kegiatan_id": "kegiatan", "peserta_id": "peserta",
    "mandiri_id": "mandiri", "penghargaan_id": "penghargaan", "rencana_id": "rencana",
    "aksi_id": "aksi", "pemetaan_id": "pemetaan",
}
#: kinds whose object follows the variant of the rule's main object (a complaint's attachment
#: is that complaint's)
FOLLOWS_VARIANT = {"lampiran", "aksi"}
#: the objects tried for each kind; a kind not listed has one object (variant "*")
VARIANTS = {
    **dict.fromkeys(("skp", "rhk", "indikator", "evaluasi", "bukti"), PEGAWAI_VARIANTS),
    **dict.fromkeys(("opd", "unit", "layanan", "pegawai", "kegiatan", "pemetaan"), ORG_VARIANTS),
    #: a pegawai's competency records, and the pegawai themselves on /pembinaan ("asn")
    **dict.fromkeys(("peserta", "mandiri", "asn", "rencana", "aksi"), PEGAWAI_VARIANTS),
    #: a reward for an evaluation of Dewi, of Rahmat (another OPD), of Yuliana (another pemda)
    "penghargaan": ("staf", "opd_lain", "pemda_lain"),
    **dict.fromkeys(("tahun", "periode", "pemda"), ("own", "pemda_lain")),
    "permintaan": ("staf", "rekan"),  # asks Dewi / asks Budi
    "pengaduan": PENGADUAN_VARIANTS,
    "notifikasi": ("pegawai", "penilai"),  # whose notification
}
#: parameters that are not objects
FIXED = {"fmt": "json", "tabel": "ikm", "aksi": "tutup"}
PARAM_RE = re.compile(r"<(?:\w+(?:\([^)]*\))?:)?(\w+)>")
PLACEHOLDER_RE = re.compile(r"\{(\w+)(?::(\w+))?\}")


@dataclass(frozen=True, eq=False)
class Entry:
    """One (method, rule): who is let in, per variant of the object its URL names."""

    method: str
    rule: str
    allow: Mapping[str, frozenset[str]] = field(default_factory=dict)
    public: bool = False
    #: every role, anonymous included, gets this answer (a public rule's own refusal)
    everyone: str | None = None
    #: the kind whose variants are tried, when it is not the rule's first parameter
    over: str | None = None
    #: added to the URL, sent as the form, and URL parameters that are not objects; in each,
    #: ``{kind}`` is the variant's object and ``{kind:variant}`` a fixed one
    query: str = ""
    data: Mapping[str, str] = field(default_factory=dict)
    values: Mapping[str, str] = field(default_factory=dict)
    #: GET answers that count as let in
    ok: tuple[int, ...] = (200,)
    #: (variant, role) → why today's answer is wrong: the cell is xfail(strict) with the right one
    holes: Mapping[tuple[str, str], str] = field(default_factory=dict)
    #: the request signs the client out: sign it in again afterwards
    signs_out: bool = False

    def actors(self) -> tuple[str, ...]:
        return tuple(role for role in ROLES if self.rule.startswith(WHERE_ONLY.get(role, "/")))

    def kind(self) -> str | None:
        if self.over:
            return self.over
        kinds = [PARAM_KIND[p] for p in PARAM_RE.findall(self.rule) if p in PARAM_KIND]
        return kinds[0] if kinds else None

    def variants(self) -> tuple[str, ...]:
        kind = self.kind()
        if kind is None:
            return ("-",)
        return VARIANTS.get(kind, ("*",))

    def expected(self, variant: str, role: str) -> str:
        if self.everyone:
            return self.everyone
        if self.public:
            return OK
        if role == ANONIM:
            return SIGN_IN
        return OK if role in self.allow.get(variant, ()) else REFUSED


def roles(*names: str) -> frozenset[str]:
    return frozenset(names)


def only(*names: str) -> dict[str, frozenset[str]]:
    """A rule naming no object: these roles are let in."""
    return {"-": frozenset(names), "*": frozenset(names)}


def public(method: str, rule: str, **kw) -> Entry:
    return Entry(method, rule, public=True, **kw)


# --- who may, per object variant ---------------------------------------------------------------

ANY_SIGNED_IN = only(*SIGNED_IN)
#: an appraisal item: its pegawai, their direct penilai, their OPD's admin (read-only)
VIEW = {"staf": roles(PEGAWAI, PENILAI, ADMIN_OPD), "rekan": roles(PENILAI, ADMIN_OPD),
        "bawahan_lain": roles(ADMIN_OPD)}
SELF = {"staf": roles(PEGAWAI)}
REVIEW = {"staf": roles(PENILAI), "rekan": roles(PENILAI)}
#: Dewi's keberatan is also read by the one who decides it
KEBERATAN_VIEW = {**VIEW, "staf": VIEW["staf"] | {ATASAN_PENILAI}}
#: an OPD's own admin, and the admin of its pemda
MANAGED = {"opd": ADMINS, "opd_lain": roles(ADMIN_PEMDA)}
PEMDA_MANAGED = {"opd": roles(ADMIN_PEMDA), "opd_lain": roles(ADMIN_PEMDA)}
OWN_PEMDA_ADMIN = {"own": roles(ADMIN_PEMDA)}
#: the koordinator of the complaint's pemda: its OPD's, or with no OPD, placed in the pemda's
#: area; a complaint placed nowhere ("tanpa_wilayah") goes to every koordinator. The petugas of
#: the OPD it was routed to.
KOORDINATES = {"baru": roles(KOORDINATOR), "opd": roles(KOORDINATOR),
               "opd_lain": roles(KOORDINATOR), "wilayah": roles(KOORDINATOR),
               "tanpa_wilayah": KOORDINATORS}
DESK_SEES = {**KOORDINATES, "opd": roles(KOORDINATOR, PETUGAS)}
HANDLES = {"opd": roles(PETUGAS)}
#: a pegawai's record handled by the admin of their OPD (attendance, certificates, verification)
OPD_STAFF = {"staf": roles(ADMIN_OPD), "rekan": roles(ADMIN_OPD),
             "bawahan_lain": roles(ADMIN_OPD)}

#: rewards of an OPD's staff: its admin OPD and the admin of its pemda
REWARDS = {"staf": ADMINS, "rekan": ADMINS, "bawahan_lain": ADMINS,
           "opd_lain": roles(ADMIN_PEMDA)}

#: a coaching plan's two parties: the pegawai and their penilai (Ahmad, for Dewi and Budi)
PIHAK = {"staf": roles(PEGAWAI, PENILAI), "rekan": roles(PENILAI)}

SENT_ON = (200, 302)  # /masuk sends a signed-in user on to their page, /keluar the anonymous home

TABLE: list[Entry] = [
    # --- public pages, data and API ---------------------------------------------------------
    public("GET", "/"),
    public("GET", "/healthz"),
    public("GET", "/favicon.ico"),
    public("GET", "/privasi"),
    public("GET", "/bahasa/<kode>", values={"kode": "id"}, ok=(302,)),
    public("GET", "/masuk", ok=SENT_ON),
    public("POST", "/masuk"),
    public("GET", "/keluar", ok=SENT_ON),
    public("POST", "/keluar", signs_out=True),
    public("GET", "/instansi"),
    public("GET", "/instansi/<slug>"),
    public("GET", "/metodologi"),
    public("GET", "/data"),
    public("GET", "/data/instansi.<fmt>", values={"fmt": "csv"}),
    public("GET", "/data/instansi/<slug>/<tabel>.<fmt>", values={"fmt": "csv"}),
    public("GET", "/data/kamus.json"),
    public("GET", "/data/publikasi/<int:publikasi_id>.<fmt>", values={"fmt": "csv"}),
    public("GET", "/api/v1/instansi"),
    public("GET", "/api/v1/instansi/<slug>"),
    public("GET", "/survei"),
    public("POST", "/survei"),
    public("GET", "/survei/layanan", query="opd_id={opd:opd}"),
    public("GET", "/survei/terima-kasih", query="layanan={layanan:opd}"),
    public("GET", "/pengaduan"),
    public("GET", "/pengaduan/baru"),
    public("POST", "/pengaduan/baru"),
    public("GET", "/pengaduan/baru/layanan", query="opd_id={opd:opd}"),
    public("GET", "/pengaduan/lacak"),
    # the tracking code is the reporter's key: whoever holds it follows the complaint
    public("GET", "/pengaduan/<kode>", values={"kode": "{kode}"}),
    # the reporter's attachment, by the tracking code (tests/complaints/test_attachments.py:
    # another complaint's attachment with this code is 404)
    public("GET", "/pengaduan/<kode>/lampiran/<int:lampiran_id>",
           values={"kode": "{kode}", "lampiran_id": "{lampiran:opd}"}),
    public("POST", "/pengaduan/<kode>/keterangan", values={"kode": "{kode}"}),
    public("POST", "/pengaduan/<kode>/sanggah", values={"kode": "{kode}"}),
    public("POST", "/pengaduan/<kode>/terima", values={"kode": "{kode}"}),
    public("GET", "/open311/v2/discovery.<fmt>"),
    public("GET", "/open311/v2/services.<fmt>"),
    public("GET", "/open311/v2/services/<name>", values={"name": "{layanan_kode}.json"}),
    public("GET", "/open311/v2/requests.<fmt>"),
    public("GET", "/open311/v2/requests/<name>", values={"name": "{pengaduan:opd}.json"}),
    # the API key authenticates a partner: no session, staff or not, files through the API
    public("POST", "/open311/v2/requests.<fmt>", everyone=REFUSED),

    # --- every signed-in user ---------------------------------------------------------------
    Entry("GET", "/dasbor", ANY_SIGNED_IN),
    Entry("GET", "/akun/sandi", ANY_SIGNED_IN),
    Entry("POST", "/akun/sandi", ANY_SIGNED_IN),
    Entry("GET", "/notifikasi", ANY_SIGNED_IN),
    Entry("POST", "/notifikasi/baca-semua", ANY_SIGNED_IN),
    Entry("POST", "/notifikasi/<int:notifikasi_id>/buka",
          {"pegawai": roles(PEGAWAI), "penilai": roles(PENILAI)}),
    Entry("GET", "/kinerja", ANY_SIGNED_IN),
    Entry("GET", "/kinerja/keberatan", ANY_SIGNED_IN),
    Entry("GET", "/kinerja/umpan-balik/masuk", ANY_SIGNED_IN),

    # --- the pegawai's SKP -------------------------------------------------------------------
    Entry("POST", "/kinerja/tahun/<int:tahun_id>/skp", {"own": WITH_PEGAWAI}),
    Entry("GET", "/kinerja/skp/<int:skp_id>", VIEW),
    Entry("POST", "/kinerja/skp/<int:skp_id>/rhk", SELF),
    Entry("POST", "/kinerja/skp/<int:skp_id>/perilaku", SELF),
    Entry("POST", "/kinerja/skp/<int:skp_id>/ajukan", SELF),
    Entry("POST", "/kinerja/skp/<int:skp_id>/revisi", SELF),
    Entry("GET", "/kinerja/rhk/<int:rhk_id>/ubah", SELF, ok=(302,)),  # to the SKP, without htmx
    Entry("POST", "/kinerja/rhk/<int:rhk_id>", SELF),
    Entry("POST", "/kinerja/rhk/<int:rhk_id>/hapus", SELF),
    Entry("POST", "/kinerja/rhk/<int:rhk_id>/indikator", SELF),
    Entry("POST", "/kinerja/indikator/<int:indikator_id>", SELF),
    Entry("POST", "/kinerja/indikator/<int:indikator_id>/hapus", SELF),

    # --- the self-assessment -----------------------------------------------------------------
    Entry("POST", "/kinerja/periode/<int:periode_id>/evaluasi", {"own": WITH_PEGAWAI}),
    Entry("GET", "/kinerja/evaluasi/<int:evaluasi_id>", VIEW),
    Entry("POST", "/kinerja/evaluasi/<int:evaluasi_id>", SELF),
    Entry("POST", "/kinerja/evaluasi/<int:evaluasi_id>/autosave", SELF),
    Entry("GET", "/kinerja/evaluasi/<int:evaluasi_id>/dokumen", VIEW),
    Entry("GET", "/kinerja/bukti/<int:bukti_id>", VIEW, ok=(302,)),  # a link: sent there

    # --- the pejabat penilai's review --------------------------------------------------------
    Entry("GET", "/kinerja/penilaian", only(*WITH_PEGAWAI)),
    Entry("GET", "/kinerja/penilaian/skp/<int:skp_id>", REVIEW),
    Entry("POST", "/kinerja/penilaian/skp/<int:skp_id>", REVIEW),
    Entry("GET", "/kinerja/penilaian/evaluasi/<int:evaluasi_id>", REVIEW),
    Entry("POST", "/kinerja/penilaian/evaluasi/<int:evaluasi_id>", REVIEW),
    Entry("POST", "/kinerja/penilaian/evaluasi/<int:evaluasi_id>/predikat", REVIEW),

    # --- peer feedback and keberatan ---------------------------------------------------------
    Entry("GET", "/kinerja/umpan-balik/evaluasi/<int:evaluasi_id>", VIEW),
    Entry("POST", "/kinerja/umpan-balik/evaluasi/<int:evaluasi_id>/minta", REVIEW),
    Entry("GET", "/kinerja/umpan-balik/<int:permintaan_id>", {"staf": roles(PEGAWAI)}),
    Entry("POST", "/kinerja/umpan-balik/<int:permintaan_id>", {"staf": roles(PEGAWAI)}),
    Entry("POST", "/kinerja/umpan-balik/<int:permintaan_id>/tolak", {"staf": roles(PEGAWAI)}),
    Entry("GET", "/kinerja/keberatan/evaluasi/<int:evaluasi_id>", KEBERATAN_VIEW),
    Entry("POST", "/kinerja/keberatan/evaluasi/<int:evaluasi_id>/ajukan", SELF),
    Entry("POST", "/kinerja/keberatan/evaluasi/<int:evaluasi_id>/putus",
          {"staf": roles(ATASAN_PENILAI)}),

    # --- years and periods (admin pemda) -----------------------------------------------------
    Entry("GET", "/kinerja/kelola/tahun", only(ADMIN_PEMDA)),
    Entry("GET", "/kinerja/kelola/tahun", OWN_PEMDA_ADMIN, over="pemda", query="pemda={pemda}"),
    Entry("POST", "/kinerja/kelola/tahun", only(ADMIN_PEMDA)),
    Entry("POST", "/kinerja/kelola/tahun", OWN_PEMDA_ADMIN, over="pemda", query="pemda={pemda}"),
    Entry("GET", "/kinerja/kelola/tahun/<int:tahun_id>", OWN_PEMDA_ADMIN),
    Entry("POST", "/kinerja/kelola/periode/<int:periode_id>/batas", OWN_PEMDA_ADMIN),
    Entry("POST", "/kinerja/kelola/periode/<int:periode_id>/<any(tutup, buka):aksi>",
          OWN_PEMDA_ADMIN),

    # --- monitoring (admin OPD: their OPD; admin pemda: the OPDs of their pemda) -------------
    Entry("GET", "/kinerja/pemantauan", only(*ADMINS)),
    Entry("GET", "/kinerja/pemantauan", MANAGED, over="opd", query="opd={opd}"),
    Entry("GET", "/kinerja/pemantauan", {"own": ADMINS}, over="periode",
          query="periode={periode}"),
    Entry("GET", "/kinerja/pemantauan/unduh.csv", only(*ADMINS), query="periode={periode:own}"),
    Entry("GET", "/kinerja/pemantauan/unduh.csv", MANAGED, over="opd",
          query="opd={opd}&periode={periode:own}"),
    Entry("GET", "/kinerja/pemantauan/unduh.xlsx", only(*ADMINS), query="periode={periode:own}"),
    Entry("GET", "/kinerja/pemantauan/unduh.xlsx", MANAGED, over="opd",
          query="opd={opd}&periode={periode:own}"),
    Entry("GET", "/kinerja/pemantauan/predikat-organisasi", only(ADMIN_PEMDA)),
    Entry("POST", "/kinerja/pemantauan/predikat-organisasi", PEMDA_MANAGED, over="opd",
          data={"opd_id": "{opd}"}),

    # --- complaint desks -------------------------------------------------------------------
    Entry("GET", "/meja/koordinator", only(*KOORDINATORS)),
    Entry("GET", "/meja/opd", only(PETUGAS)),
    Entry("GET", "/meja/templat", only(PETUGAS)),
    Entry("POST", "/meja/templat", only(PETUGAS)),
    Entry("GET", "/meja/pengaduan/<int:pengaduan_id>", DESK_SEES),
    Entry("GET", "/meja/pengaduan/<int:pengaduan_id>/lampiran/<int:lampiran_id>", DESK_SEES),
    Entry("POST", "/meja/pengaduan/<int:pengaduan_id>/catatan", DESK_SEES),
    Entry("POST", "/meja/pengaduan/<int:pengaduan_id>/ringkasan", DESK_SEES),
    Entry("POST", "/meja/pengaduan/<int:pengaduan_id>/verifikasi", KOORDINATES),
    Entry("POST", "/meja/pengaduan/<int:pengaduan_id>/gabung", KOORDINATES),
    Entry("POST", "/meja/pengaduan/<int:pengaduan_id>/tindak-lanjut", HANDLES),
    Entry("POST", "/meja/pengaduan/<int:pengaduan_id>/jawab", HANDLES),
    Entry("POST", "/meja/pengaduan/<int:pengaduan_id>/klasifikasi", HANDLES),
    Entry("POST", "/meja/pengaduan/<int:pengaduan_id>/kaitkan-pegawai", HANDLES),
    Entry("POST", "/meja/pengaduan/<int:pengaduan_id>/kaitan/<int:kaitan_id>/lepas", HANDLES),
    Entry("POST", "/meja/pengaduan/<int:pengaduan_id>/kaitan/<int:kaitan_id>/temuan", HANDLES,
          data={"temuan": "tidak_terbukti"}),

    # --- organisation (admin pemda: every OPD of their pemda; admin OPD: their own) ----------
    Entry("GET", "/kelola/opd", only(*ADMINS)),
    Entry("GET", "/kelola/opd/baru", only(ADMIN_PEMDA)),
    Entry("POST", "/kelola/opd/baru", only(ADMIN_PEMDA)),
    Entry("GET", "/kelola/opd/<int:opd_id>", MANAGED),
    Entry("GET", "/kelola/opd/<int:opd_id>/ubah", PEMDA_MANAGED),
    Entry("POST", "/kelola/opd/<int:opd_id>/ubah", PEMDA_MANAGED),
    Entry("GET", "/kelola/opd/<int:opd_id>/unit/baru", MANAGED),
    Entry("POST", "/kelola/opd/<int:opd_id>/unit/baru", MANAGED),
    Entry("GET", "/kelola/unit/<int:unit_id>/ubah", MANAGED),
    Entry("POST", "/kelola/unit/<int:unit_id>/ubah", MANAGED),
    Entry("GET", "/kelola/opd/<int:opd_id>/layanan/baru", MANAGED),
    Entry("POST", "/kelola/opd/<int:opd_id>/layanan/baru", MANAGED),
    Entry("GET", "/kelola/layanan/<int:layanan_id>/ubah", MANAGED),
    Entry("POST", "/kelola/layanan/<int:layanan_id>/ubah", MANAGED),
    Entry("GET", "/kelola/opd/<int:opd_id>/pegawai", MANAGED),
    Entry("GET", "/kelola/opd/<int:opd_id>/pegawai/baru", MANAGED),
    Entry("POST", "/kelola/opd/<int:opd_id>/pegawai/baru", MANAGED),
    Entry("GET", "/kelola/pegawai/<int:pegawai_id>/ubah", MANAGED),
    Entry("POST", "/kelola/pegawai/<int:pegawai_id>/ubah", MANAGED),
    Entry("GET", "/kelola/opd/<int:opd_id>/pegawai/impor", MANAGED),
    Entry("POST", "/kelola/opd/<int:opd_id>/pegawai/impor", MANAGED),
    Entry("GET", "/kelola/pegawai/templat.csv", only(*ADMINS)),

    # --- scorecards staff pages --------------------------------------------------------------
    Entry("GET", "/kelola/capaian", only(*ADMINS), ok=(200, 302)),  # one OPD: straight to it
    Entry("GET", "/kelola/opd/<int:opd_id>/capaian", MANAGED),
    Entry("POST", "/kelola/opd/<int:opd_id>/capaian", MANAGED),
    Entry("GET", "/kelola/opd/<int:opd_id>/capaian/impor", MANAGED),
    Entry("POST", "/kelola/opd/<int:opd_id>/capaian/impor", MANAGED),
    Entry("GET", "/kelola/opd/<int:opd_id>/capaian/templat.csv", MANAGED),
    Entry("GET", "/kelola/opd/<int:opd_id>/saran", MANAGED),
    Entry("GET", "/kelola/rapor", only(ADMIN_PEMDA)),
    Entry("POST", "/kelola/rapor", only(ADMIN_PEMDA)),
    Entry("POST", "/kelola/rapor/konfirmasi", only(ADMIN_PEMDA)),

    # --- pembinaan: competency development ---------------------------------------------------
    Entry("GET", "/pembinaan/kompetensi", only(PEGAWAI, PENILAI, ATASAN_PENILAI)),
    Entry("GET", "/pembinaan/kompetensi/pegawai/<int:pegawai_id>", VIEW, over="asn",
          values={"pegawai_id": "{asn}"}),
    Entry("POST", "/pembinaan/kompetensi/pegawai/<int:pegawai_id>/usul",
          {"staf": roles(PEGAWAI, PENILAI), "rekan": roles(PENILAI)}, over="asn",
          values={"pegawai_id": "{asn}"}),
    Entry("POST", "/pembinaan/kompetensi/pegawai/<int:pegawai_id>/mandiri", SELF, over="asn",
          values={"pegawai_id": "{asn}"}),
    Entry("POST", "/pembinaan/peserta/<int:peserta_id>/setujui", REVIEW),
    Entry("POST", "/pembinaan/peserta/<int:peserta_id>/tolak", REVIEW),
    Entry("POST", "/pembinaan/peserta/<int:peserta_id>/batalkan", SELF),
    Entry("GET", "/pembinaan/peserta/<int:peserta_id>/sertifikat", VIEW),
    Entry("POST", "/pembinaan/peserta/<int:peserta_id>/kehadiran", OPD_STAFF),
    Entry("POST", "/pembinaan/peserta/<int:peserta_id>/selesai", OPD_STAFF),
    Entry("POST", "/pembinaan/mandiri/<int:mandiri_id>/batalkan", SELF),
    Entry("GET", "/pembinaan/mandiri/<int:mandiri_id>/sertifikat", VIEW),
    Entry("POST", "/pembinaan/mandiri/<int:mandiri_id>/verifikasi", OPD_STAFF),
    Entry("POST", "/pembinaan/mandiri/<int:mandiri_id>/tolak", OPD_STAFF),
    Entry("GET", "/pembinaan/kelola", only(ADMIN_OPD)),
    Entry("GET", "/pembinaan/kelola", {"opd": roles(ADMIN_OPD)}, over="opd", query="opd={opd}"),
    Entry("GET", "/pembinaan/kelola/rekap.csv", only(ADMIN_OPD)),
    Entry("GET", "/pembinaan/kelola/rekap.csv", {"opd": roles(ADMIN_OPD)}, over="opd",
          query="opd={opd}"),
    Entry("GET", "/pembinaan/kelola/rekap.xlsx", only(ADMIN_OPD)),
    Entry("GET", "/pembinaan/kelola/verifikasi", only(ADMIN_OPD)),
    Entry("GET", "/pembinaan/kelola/kegiatan", only(*ADMINS)),
    Entry("GET", "/pembinaan/kelola/kegiatan/baru", only(*ADMINS)),
    Entry("POST", "/pembinaan/kelola/kegiatan/baru", only(*ADMINS)),
    Entry("GET", "/pembinaan/kelola/kegiatan/<int:kegiatan_id>", MANAGED),
    Entry("GET", "/pembinaan/kelola/kegiatan/<int:kegiatan_id>/ubah", MANAGED),
    Entry("POST", "/pembinaan/kelola/kegiatan/<int:kegiatan_id>/ubah", MANAGED),
    Entry("GET", "/pembinaan/penghargaan", only(*ADMINS)),
    Entry("GET", "/pembinaan/penghargaan", MANAGED, over="opd", query="opd={opd}"),
    Entry("GET", "/pembinaan/penghargaan.csv", only(*ADMINS)),
    Entry("GET", "/pembinaan/penghargaan.csv", MANAGED, over="opd", query="opd={opd}"),
    Entry("GET", "/pembinaan/penghargaan/usul/<int:evaluasi_id>", REWARDS),
    Entry("POST", "/pembinaan/penghargaan/usul/<int:evaluasi_id>", REWARDS),
    Entry("GET", "/pembinaan/penghargaan/<int:penghargaan_id>", REWARDS),
    Entry("POST", "/pembinaan/penghargaan/<int:penghargaan_id>/setujui", REWARDS),
    Entry("POST", "/pembinaan/penghargaan/<int:penghargaan_id>/tolak", REWARDS),
    Entry("GET", "/pembinaan/rencana", only(PEGAWAI, PENILAI, ATASAN_PENILAI)),
    Entry("POST", "/pembinaan/rencana/pegawai/<int:pegawai_id>/baru", PIHAK, over="asn",
          values={"pegawai_id": "{asn}"},
          data={"alasan": "Ingin belajar analisis data pelayanan."}),
    Entry("GET", "/pembinaan/rencana/<int:rencana_id>", VIEW),
    Entry("POST", "/pembinaan/rencana/<int:rencana_id>/buka", REVIEW),
    Entry("POST", "/pembinaan/rencana/<int:rencana_id>/isi", REVIEW),
    Entry("POST", "/pembinaan/rencana/<int:rencana_id>/aksi", REVIEW),
    Entry("POST", "/pembinaan/rencana/<int:rencana_id>/aksi/<int:aksi_id>/hapus", REVIEW),
    Entry("POST", "/pembinaan/rencana/<int:rencana_id>/aksi/<int:aksi_id>/selesai", PIHAK),
    Entry("POST", "/pembinaan/rencana/<int:rencana_id>/sepakati", PIHAK),
    Entry("POST", "/pembinaan/rencana/<int:rencana_id>/dialog", PIHAK),
    Entry("POST", "/pembinaan/rencana/<int:rencana_id>/tutup", REVIEW),
    Entry("POST", "/pembinaan/rencana/<int:rencana_id>/batalkan", REVIEW),
    Entry("GET", "/pembinaan/kelola/rencana", only(ADMIN_OPD)),
    Entry("GET", "/pembinaan/kelola/rencana", {"opd": roles(ADMIN_OPD)}, over="opd",
          query="opd={opd}"),
    # --- pembinaan: from the public's voice to action (the OPD's page, the pemda's mapping)
    Entry("GET", "/pembinaan/kelola/suara", only(ADMIN_OPD)),
    Entry("GET", "/pembinaan/kelola/suara", {"opd": roles(ADMIN_OPD)}, over="opd",
          query="opd={opd}"),
    Entry("GET", "/pembinaan/kelola/suara/layanan/<int:layanan_id>/rencana",
          {"opd": roles(ADMIN_OPD)}, query="sumber=unsur&kode=waktu"),
    Entry("POST", "/pembinaan/kelola/suara/layanan/<int:layanan_id>/rencana",
          {"opd": roles(ADMIN_OPD)}, data={"sumber": "unsur", "kode": "waktu"}),
    Entry("GET", "/pembinaan/kelola/pemetaan", only(*ADMINS)),
    Entry("GET", "/pembinaan/kelola/pemetaan/baru", only(*ADMINS)),
    Entry("POST", "/pembinaan/kelola/pemetaan/baru", only(*ADMINS)),
    Entry("GET", "/pembinaan/kelola/pemetaan/<int:pemetaan_id>/ubah", MANAGED),
    Entry("POST", "/pembinaan/kelola/pemetaan/<int:pemetaan_id>/ubah", MANAGED),
    Entry("POST", "/pembinaan/kelola/pemetaan/<int:pemetaan_id>/hapus", MANAGED),
    Entry("GET", "/pembinaan/kelola/siasn", only(ADMIN_OPD)),
    Entry("GET", "/pembinaan/kelola/siasn", {"opd": roles(ADMIN_OPD)}, over="opd",
          query="opd={opd}"),
    Entry("POST", "/pembinaan/kelola/siasn", only(ADMIN_OPD)),
    Entry("GET", "/pembinaan/kelola/siasn/riwayat-kursus.csv", only(ADMIN_OPD)),
    Entry("GET", "/pembinaan/kelola/siasn/riwayat-kursus.csv", {"opd": roles(ADMIN_OPD)},
          over="opd", query="opd={opd}"),

    # --- days off (one calendar for the whole portal) ----------------------------------------
    Entry("GET", "/kelola/hari-libur", only(ADMIN_PEMDA)),
    Entry("POST", "/kelola/hari-libur", only(ADMIN_PEMDA)),
    Entry("POST", "/kelola/hari-libur/<int:day_id>/hapus", only(ADMIN_PEMDA)),
]


# --- the cells -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Cell:
    entry: Entry
    variant: str
    role: str

    @property
    def expected(self) -> str:
        return self.entry.expected(self.variant, self.role)

    def __str__(self) -> str:
        query = f"?{self.entry.query}" if self.entry.query else ""
        return f"{self.entry.method} {self.entry.rule}{query} [{self.variant}] {self.role}"


def _rows() -> Iterator:
    """One test per (entry, variant) with its cells for every role, but the known holes."""
    for entry in TABLE:
        query = f"?{entry.query}" if entry.query else ""
        for variant in entry.variants():
            cells = [Cell(entry, variant, role) for role in entry.actors()
                     if (variant, role) not in entry.holes]
            yield pytest.param(cells, id=f"{entry.method} {entry.rule}{query} [{variant}]")


def _holes() -> Iterator:
    """The cells wrong today, one test each, expecting the right answer."""
    for entry in TABLE:
        for (variant, role), reason in entry.holes.items():
            assert role in entry.actors() and variant in entry.variants(), (entry.rule, variant)
            cell = Cell(entry, variant, role)
            yield pytest.param(cell, id=str(cell), marks=pytest.mark.xfail(
                strict=True, raises=AssertionError, reason=reason))


class Matrix:
    """The world's ids and one signed-in client per role, on one connection whose outer
    transaction holds the world."""

    def __init__(self, app: Flask, connection, ids: dict, accounts: dict[str, str],
                 password: str) -> None:
        self.app, self.connection, self.ids = app, connection, ids
        self.accounts, self.password = accounts, password
        self.clients: dict[str, PortalClient] = {}
        self.tokens: dict[str, str] = {}
        for role in ROLES:
            self.sign_in(role)

    def sign_in(self, role: str) -> None:
        client = self.clients.get(role) or self.app.test_client()
        if role != ANONIM:
            response = client.post_form("/masuk", {"username": self.accounts[role],
                                                   "password": self.password})
            assert response.status_code == 302, f"{role} could not sign in"
        self.clients[role] = client
        self.tokens[role] = client.csrf_token()

    def _object(self, kind: str, variant: str):
        return self.ids.get((kind, variant), self.ids.get((kind, "*")))

    def _fill(self, template: str, entry: Entry, variant: str) -> str:
        def one(match: re.Match) -> str:
            kind, fixed = match.group(1), match.group(2)
            return str(self._object(kind, fixed or (variant if kind == entry.kind() else "*")))

        return PLACEHOLDER_RE.sub(one, template)

    def url(self, entry: Entry, variant: str) -> str:
        def param(match: re.Match) -> str:
            name = match.group(1)
            if name in entry.values:
                return self._fill(entry.values[name], entry, variant)
            if name in PARAM_KIND:
                kind = PARAM_KIND[name]
                follows = kind == entry.kind() or kind in FOLLOWS_VARIANT
                return str(self._object(kind, variant if follows else "*"))
            return FIXED[name]

        url = PARAM_RE.sub(param, entry.rule)
        if entry.query:
            url += "?" + self._fill(entry.query, entry, variant)
        return url

    @contextmanager
    def rolled_back(self) -> Iterator[None]:
        """What the requests inside commit lands in a SAVEPOINT, undone afterwards."""
        limiter.reset()  # every client comes from 127.0.0.1: no cell may spend another's quota
        savepoint = self.connection.begin_nested()
        try:
            yield
        finally:
            savepoint.rollback()

    def request(self, cell: Cell):
        entry, client = cell.entry, self.clients[cell.role]
        url = self.url(entry, cell.variant)
        with self.rolled_back():
            if entry.method == "GET":
                response = client.get(url)
            else:
                data = {k: self._fill(v, entry, cell.variant) for k, v in entry.data.items()}
                # the token fetched at sign-in (post_form would fetch one per request)
                response = client.post(url, data={**data, "csrf_token": self.tokens[cell.role]})
        if entry.signs_out:
            self.sign_in(cell.role)
        elif response.status_code in REDIRECTS:
            # the flash nobody rendered ("Silakan masuk", "Disimpan"): left in the session
            # cookie, hundreds of them would make every later request slower
            with client.session_transaction() as session:
                session.pop("_flashes", None)
        return url, response


REDIRECTS = (301, 302, 303, 307, 308)


def answer_of(response, method: str, ok: tuple[int, ...]) -> str:
    code = response.status_code
    if code in REDIRECTS and urlsplit(response.location).path == "/masuk":
        return SIGN_IN
    if code in (401, 403, 404):
        return REFUSED
    if code >= 500:
        return f"error {code}"
    if method == "GET" and code not in ok:
        return f"unexpected {code}"
    return OK


@pytest.fixture(scope="module")
def matrix(app: Flask) -> Iterator[Matrix]:
    """The world, built once for the whole matrix inside a transaction rolled back at the end
    (the same arrangement as the ``db`` fixture of tests/conftest.py, for a module)."""
    engines = _db._app_engines[app]
    real_engine = engines[None]
    connection = real_engine.connect()
    transaction = connection.begin()
    engines[None] = connection
    original_session = _db.session
    _db.session = _db._make_scoped_session({"join_transaction_mode": "create_savepoint"})
    app.test_client_class = PortalClient
    limiter.reset()
    cache.invalidate()
    try:
        world, ids = build_access_world()
        accounts = {role: world.users[name].username for role, name in ACCOUNT.items()}
        _db.session.commit()
        _db.session.remove()
        yield Matrix(app, connection, ids, accounts, world.password)
    finally:
        _db.session.remove()
        transaction.rollback()
        connection.close()
        _db.session = original_session
        engines[None] = real_engine
        cache.invalidate()
        limiter.reset()


def test_every_route_is_in_the_table(app: Flask):
    routes = {(method, rule.rule) for rule in app.url_map.iter_rules() if rule.endpoint != "static"
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    listed = {(entry.method, entry.rule) for entry in TABLE}
    missing = "\n".join(f"  {method} {rule}" for method, rule in sorted(routes - listed))
    assert not missing, (
        "These routes have no entry in TABLE of tests/test_access_matrix.py. Add one per method, "
        "saying which roles may open it for which object (or public(...)):\n" + missing)
    gone = "\n".join(f"  {method} {rule}" for method, rule in sorted(listed - routes))
    assert not gone, ("TABLE of tests/test_access_matrix.py lists routes that no longer exist; "
                      "remove or rename their entries:\n" + gone)


def test_posts_carry_a_valid_csrf_token(matrix: Matrix):
    """The POST cells count a 400 as "let in"; they may only because the token is good."""
    client = matrix.clients[PEGAWAI]
    with matrix.rolled_back():
        bad = client.post("/notifikasi/baca-semua", data={"csrf_token": "palsu"})
        good = client.post("/notifikasi/baca-semua", data={"csrf_token": matrix.tokens[PEGAWAI]})
    assert (bad.status_code, good.status_code) == (400, 302)


TITLE = re.compile(r"<title>(.*?)</title>", re.S)
SITE_NAME = "Portal Kinerja ASN"  # its name in both languages


def title_problem(response) -> str | None:
    """A page's <title> is what a phone's tab, a bookmark and a screen reader announce first:
    one line of plain words, naming the page before the site."""
    if response.status_code != 200 or response.mimetype != "text/html":
        return None
    body = response.get_data(as_text=True)
    if "<html" not in body:  # a fragment htmx swaps into a page
        return None
    head = body.partition("</head>")[0]  # charts' SVG titles aside
    titles = TITLE.findall(head)
    if len(titles) != 1:
        return f"{len(titles)} <title> elements"
    title = html.unescape(titles[0])
    page_part, _, site = title.rpartition(" · ")
    if "<" in title or ">" in title or "\n" in title.strip() or not page_part.strip():
        return f"title {title!r}"
    if site != SITE_NAME or page_part.strip() == SITE_NAME and response.request.path != "/":
        return f"title {title!r}"
    return None


def wrong_answer(matrix: Matrix, cell: Cell) -> str | None:
    url, response = matrix.request(cell)
    got = answer_of(response, cell.entry.method, cell.entry.ok)
    if (got == cell.expected == OK and cell.entry.method == "GET"
            and (problem := title_problem(response))):
        return f"GET {url} as {cell.role}: {problem}"
    if got == cell.expected:
        return None
    return (f"{cell.entry.method} {url} as {cell.role}: expected {cell.expected}, got {got} "
            f"({response.status_code} {response.location or ''})")


@pytest.mark.parametrize("cells", list(_rows()))
def test_access(matrix: Matrix, cells: list[Cell]):
    wrong = [problem for cell in cells if (problem := wrong_answer(matrix, cell))]
    assert not wrong, "\n".join(wrong)


HOLES = list(_holes())
if HOLES:  # cells marked ``holes=`` on an entry: strict xfail until mended (none open today)
    @pytest.mark.parametrize("cell", HOLES)
    def test_known_hole(matrix: Matrix, cell: Cell):
        problem = wrong_answer(matrix, cell)
        assert problem is None, problem


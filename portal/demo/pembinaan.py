"""Demo competency development: a catalogue as a pemda in Lampung would hold it (BPSDM Provinsi
Lampung courses offered to every OPD, a Dukcapil bimtek, e-learning, coaching and a learning
community in the demo OPD, upcoming courses open for proposals; and the provincial catalogue the
demo admin pemda keeps), and the staff of the demo OPD with records spread over this year: some
well above 20 JP, many below, some with nothing yet; completed courses, verified and rejected
e-learning, proposals waiting for the atasan, certificates waiting for the admin OPD.

The demo pegawai is under target with a proposal and an e-learning certificate waiting; the
demo pejabat penilai has that proposal to decide. Deterministic for a seed; ORM inserts of a few
hundred rows."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa

from portal.auth.models import User
from portal.core import uploads
from portal.core.calendar import local_date
from portal.core.models import AuditEntry, utcnow
from portal.extensions import db
from portal.org.models import Opd, Pegawai, Pemda
from portal.pembinaan.kompetensi import sertifikat
from portal.pembinaan.kompetensi.jp import jp_kegiatan
from portal.pembinaan.kompetensi.models import (
    AsalKebutuhan,
    BentukKegiatan,
    JenisKompetensi,
    Kegiatan,
    PembelajaranMandiri,
    PesertaKegiatan,
    StatusMandiri,
    StatusPeserta,
    SumberAnggaran,
)
from portal.pembinaan.settings import aturan_jp

DEMO_OPD_SLUG = "disdukcapil-kota-bandar-lampung"
KOTA, PROVINSI = "kota-bandar-lampung", "provinsi-lampung"
MAX_PEGAWAI = 400
#: a few more OPDs of the city get records, so the public scorecard's JP figures show there too
OTHER_OPDS, OTHER_PEGAWAI = 3, 40
BPSDM = "BPSDM Provinsi Lampung"

B, K, A = BentukKegiatan, JenisKompetensi, AsalKebutuhan


@dataclass(frozen=True)
class Spec:
    kunci: str
    judul: str
    bentuk: BentukKegiatan
    penyelenggara: str
    jp: int
    kompetensi: JenisKompetensi
    anggaran: SumberAnggaran
    asal: AsalKebutuhan
    #: "kota": every OPD of the demo pemda; "opd": the demo OPD; "provinsi": the province's
    lingkup: str
    #: days from today to the start (negative: in the past), and its length in days
    mulai: int
    lama: int
    keterangan: str | None = None


APBD, GRATIS = SumberAnggaran.APBD, SumberAnggaran.TANPA_BIAYA
CATALOGUE = (
    Spec("prima", "Pelatihan Pelayanan Prima bagi Petugas Front Office", B.PELATIHAN_TEKNIS, BPSDM,
         24, K.TEKNIS, APBD, A.SURVEI, "kota", -250, 3,
         "Unsur Perilaku Pelaksana terendah pada SKM semester lalu."),
    Spec("siak", "Bimbingan Teknis SIAK Terpusat dan Identitas Kependudukan Digital", B.BIMTEK,
         "Ditjen Dukcapil Kemendagri", 16, K.TEKNIS, GRATIS, A.PROGRAM_INSTANSI, "opd", -180, 2),
    Spec("skp", "Workshop Penyusunan SKP dan Dialog Kinerja", B.WORKSHOP,
         "BKPSDM Kota Bandar Lampung", 8, K.MANAJERIAL, APBD, A.HASIL_EVALUASI, "kota", -300, 1,
         "Banyak SKP triwulan I dikembalikan karena indikator tidak terukur."),
    Spec("coaching", "Coaching Penanganan Pengaduan di Loket Pelayanan", B.COACHING,
         "Sekretariat Disdukcapil", 8, K.SOSIOKULTURAL, GRATIS, A.PENGADUAN, "opd", -120, 30,
         "Pengaduan berulang tentang sikap petugas loket perekaman KTP-el."),
    Spec("komunitas", "Komunitas Belajar Adminduk: Bedah Kasus Pengaduan", B.KOMUNITAS_BELAJAR,
         "Bidang Pelayanan Pendaftaran Penduduk", 4, K.TEKNIS, GRATIS, A.PENGADUAN, "opd", -60, 1),
    Spec("antikorupsi", "Seminar Integritas dan Pencegahan Gratifikasi dalam Pelayanan", B.SEMINAR,
         "Inspektorat Kota Bandar Lampung", 4, K.SOSIOKULTURAL, GRATIS, A.PROGRAM_INSTANSI,
         "kota", -90, 1),
    Spec("inklusif", "Pelatihan Teknis Pelayanan Publik Inklusif dan Ramah Disabilitas",
         B.PELATIHAN_TEKNIS, BPSDM, 32, K.TEKNIS, APBD, A.SURVEI, "kota", 14, 4,
         "Unsur Sarana dan Prasarana serta Kompetensi Pelaksana."),
    Spec("mentoring", "Mentoring Penyusunan Rencana Aksi Perbaikan Layanan", B.MENTORING,
         "Kepala Bidang Pelayanan Pendaftaran Penduduk", 8, K.MANAJERIAL, GRATIS,
         A.HASIL_EVALUASI, "opd", 7, 30),
    Spec("kip", "Sosialisasi Keterbukaan Informasi Publik", B.SOSIALISASI,
         "Komisi Informasi Provinsi Lampung", 4, K.SOSIOKULTURAL, GRATIS, A.PROGRAM_INSTANSI,
         "kota", 21, 1),
    Spec("pka", "Pelatihan Kepemimpinan Administrator Angkatan II", B.PELATIHAN_STRUKTURAL, BPSDM,
         60, K.MANAJERIAL, APBD, A.KESENJANGAN_KOMPETENSI, "provinsi", 30, 20),
    Spec("akpk", "Bimtek Analisis Kebutuhan Pengembangan Kompetensi (AKPK)", B.BIMTEK, BPSDM, 16,
         K.MANAJERIAL, APBD, A.PROGRAM_INSTANSI, "provinsi", 10, 2),
    Spec("elearning-lan", "E-learning Manajemen ASN (ASN Unggul)", B.E_LEARNING, "LAN RI", 10,
         K.MANAJERIAL, GRATIS, A.USULAN_PEGAWAI, "provinsi", -200, 60),
)
#: completed courses: share of the demo OPD's staff who took each
TAKEN = {"prima": 0.35, "siak": 0.45, "skp": 0.3, "coaching": 0.15, "komunitas": 0.3,
         "antikorupsi": 0.25}
ELEARNING = [("Pelayanan Publik Berorientasi Pelanggan", "LAN RI (ASN Unggul)", 6),
             ("Literasi Digital untuk ASN", "Kementerian Kominfo (Digital Talent Scholarship)", 10),
             ("Core Values BerAKHLAK", "LAN RI (ASN Unggul)", 4),
             ("Manajemen Risiko Sektor Publik", "Kementerian Keuangan (Kemenkeu Learning Center)",
              12)]
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]"
       b"/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def build_demo_pembinaan(seed: int = 2026, logins: list[dict[str, str]] | None = None
                         ) -> dict[str, int]:
    """Everything above; flushes, the caller commits. Returns row counts per table."""
    rng = random.Random(seed)
    today = local_date(utcnow())
    demo_opd = db.session.scalar(sa.select(Opd).where(Opd.slug == DEMO_OPD_SLUG))
    pemdas = {p.slug: p for p in db.session.scalars(sa.select(Pemda).where(
        Pemda.slug.in_([KOTA, PROVINSI])))}
    if demo_opd is None:
        return {}
    admin = db.session.scalar(sa.select(User).where(User.username == "admin.disdukcapil.bdl"))
    kegiatan = _catalogue(demo_opd, pemdas, today)
    staff = list(db.session.scalars(sa.select(Pegawai).where(
        Pegawai.opd_id == demo_opd.id, Pegawai.aktif.is_(True)).order_by(Pegawai.id)
        .limit(MAX_PEGAWAI)))
    roles = {login["username"]: login["role"] for login in (logins or [])}
    demo = _Demo(rng, today, kegiatan, admin)
    others = []
    for pegawai in staff:
        if roles.get(pegawai.nip) == "pegawai":
            demo.demo_pegawai(pegawai)
        else:
            demo.someone(pegawai)
            others.append(pegawai)
    demo.showcase(others)
    for opd in db.session.scalars(sa.select(Opd).where(
            Opd.pemda_id == demo_opd.pemda_id, Opd.id != demo_opd.id, Opd.aktif.is_(True))
            .order_by(Opd.id).limit(OTHER_OPDS)):
        for pegawai in db.session.scalars(sa.select(Pegawai).where(
                Pegawai.opd_id == opd.id, Pegawai.aktif.is_(True)).order_by(Pegawai.id)
                .limit(OTHER_PEGAWAI)):
            demo.elsewhere(pegawai)
    db.session.flush()
    return {"kegiatan_pengembangan": len(kegiatan), **demo.counts}


def _catalogue(demo_opd: Opd, pemdas: dict[str, Pemda], today: date) -> dict[str, Kegiatan]:
    out = {}
    for spec in CATALOGUE:
        pemda = pemdas.get(PROVINSI) if spec.lingkup == "provinsi" else demo_opd.pemda
        if pemda is None:
            continue
        mulai = _this_year(today + timedelta(days=spec.mulai), today) if spec.mulai < 0 \
            else today + timedelta(days=spec.mulai)
        selesai = mulai + timedelta(days=spec.lama - 1)
        if spec.mulai < 0 and selesai >= today:
            selesai = today - timedelta(days=1)
            mulai = min(mulai, selesai)
        item = Kegiatan(pemda=pemda, opd=demo_opd if spec.lingkup == "opd" else None,
                        judul=spec.judul, bentuk=spec.bentuk, penyelenggara=spec.penyelenggara,
                        jp=spec.jp, tanggal_mulai=mulai, tanggal_selesai=selesai,
                        kompetensi=spec.kompetensi, sumber_anggaran=spec.anggaran,
                        asal_kebutuhan=spec.asal, keterangan_kebutuhan=spec.keterangan,
                        aktif=spec.mulai > 0 or spec.bentuk == B.E_LEARNING)
        db.session.add(item)
        out[spec.kunci] = item
    db.session.flush()
    for item in out.values():
        db.session.add(AuditEntry(object_type=Kegiatan.__tablename__, object_id=item.id,
                                  action="dibuat"))
    return out


def _this_year(day: date, today: date) -> date:
    """A past day kept inside this year, so what it earns counts this year."""
    return max(day, date(today.year, 1, 6))


class _Demo:
    def __init__(self, rng: random.Random, today: date, kegiatan: dict[str, Kegiatan],
                 admin: User | None) -> None:
        self.rng, self.today, self.kegiatan, self.admin = rng, today, kegiatan, admin
        self.aturan = aturan_jp()
        self.counts: dict[str, int] = {}
        #: (pegawai, activity) already written: one record each
        self.taken: set[tuple[int, str]] = set()

    def count(self, table: str) -> None:
        self.counts[table] = self.counts.get(table, 0) + 1

    def someone(self, pegawai: Pegawai) -> None:
        rng = self.rng
        keen = rng.random()  # some take much, some nothing
        for kunci, share in TAKEN.items():
            if kunci in self.kegiatan and rng.random() < share * (0.3 + 1.4 * keen):
                status = StatusPeserta.TIDAK_HADIR if rng.random() < 0.06 else StatusPeserta.SELESAI
                self.peserta(pegawai, kunci, status)
        if rng.random() < 0.3 * (0.5 + keen):
            self.mandiri(pegawai, StatusMandiri.DIVERIFIKASI)
        if rng.random() < 0.04:
            self.mandiri(pegawai, StatusMandiri.DITOLAK)
        if rng.random() < 0.1:
            self.mandiri(pegawai, StatusMandiri.DIAJUKAN)
        upcoming = [k for k in ("inklusif", "mentoring", "kip") if k in self.kegiatan]
        if upcoming and rng.random() < 0.15:
            self.peserta(pegawai, rng.choice(upcoming), rng.choice(
                [StatusPeserta.DIUSULKAN, StatusPeserta.DISETUJUI]))

    def elsewhere(self, pegawai: Pegawai) -> None:
        """Staff of another OPD: the city-wide courses already over, and e-learning."""
        for kunci in ("prima", "skp", "antikorupsi"):
            if kunci in self.kegiatan and self.rng.random() < TAKEN[kunci]:
                self.peserta(pegawai, kunci, StatusPeserta.SELESAI)
        if self.rng.random() < 0.35:
            self.mandiri(pegawai, StatusMandiri.DIVERIFIKASI)

    def showcase(self, others: list[Pegawai]) -> None:
        """Whatever chance left out, every state shows somewhere: an approved proposal, one
        waiting, an attendance waiting for its certificate, an e-learning to verify."""
        wanted = [("mentoring", StatusPeserta.DISETUJUI), ("kip", StatusPeserta.DIUSULKAN),
                  ("komunitas", StatusPeserta.HADIR)]
        for kunci, status in wanted:
            free = [p for p in others if (p.id, kunci) not in self.taken]
            if kunci in self.kegiatan and free:
                self.peserta(free[-1], kunci, status)
        if others:
            self.mandiri(others[0], StatusMandiri.DIAJUKAN)

    def demo_pegawai(self, pegawai: Pegawai) -> None:
        """Under target (16 JP), one e-learning to verify, one proposal for the atasan."""
        self.peserta(pegawai, "siak", StatusPeserta.SELESAI)
        self.mandiri(pegawai, StatusMandiri.DIAJUKAN, ELEARNING[0])
        if "inklusif" in self.kegiatan:
            self.peserta(pegawai, "inklusif", StatusPeserta.DIUSULKAN,
                         "Sering melayani pemohon lansia dan penyandang disabilitas di loket.")

    def peserta(self, pegawai: Pegawai, kunci: str, status: StatusPeserta,
                alasan: str | None = None) -> None:
        kegiatan = self.kegiatan[kunci]
        self.taken.add((pegawai.id, kunci))
        row = PesertaKegiatan(kegiatan=kegiatan, pegawai=pegawai, status=status,
                              alasan_usulan=alasan)
        if status == StatusPeserta.SELESAI:
            row.nomor_sertifikat = (f"{800 + self.rng.randint(0, 99)}/{self.rng.randint(100, 999)}"
                                    f"/{kegiatan.tanggal_selesai.year}")
            row.jp_diakui = jp_kegiatan(kegiatan.bentuk, kegiatan.jp, self.aturan)
            row.tahun = kegiatan.tanggal_selesai.year
        db.session.add(row)
        self.count(PesertaKegiatan.__tablename__)

    def mandiri(self, pegawai: Pegawai, status: StatusMandiri, course=None) -> None:
        judul, penyelenggara, jp = course or self.rng.choice(ELEARNING)
        selesai = _this_year(self.today - timedelta(days=self.rng.randint(3, 200)), self.today)
        row = PembelajaranMandiri(
            pegawai=pegawai, judul=judul, bentuk=B.E_LEARNING, penyelenggara=penyelenggara,
            kompetensi=K.TEKNIS, tanggal_mulai=selesai - timedelta(days=14),
            tanggal_selesai=selesai, jp_tertulis=jp, status=status,
            nomor_sertifikat=f"ASN-{selesai.year}-{self.rng.randint(10000, 99999)}")
        path = uploads.write(sertifikat.upload_root(), ".pdf", PDF)
        row.sertifikat_nama, row.sertifikat_mime = "sertifikat.pdf", uploads.MIME_PDF
        row.sertifikat_ukuran, row.sertifikat_kunci = len(PDF), path.name
        if status == StatusMandiri.DIVERIFIKASI:
            row.jp_diakui, row.tahun = jp, selesai.year
            row.diverifikasi_oleh_id = self.admin.id if self.admin else None
        elif status == StatusMandiri.DITOLAK:
            row.alasan_tolak = "Nama pada sertifikat tidak sama dengan nama pegawai."
        db.session.add(row)
        self.count(PembelajaranMandiri.__tablename__)

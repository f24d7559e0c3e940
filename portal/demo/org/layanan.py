"""Standar pelayanan of the demo services. Requirements and procedures follow the national rules
(UU Adminduk, PP 5/2021 on OSS, PP 16/2021 on PBG, UU 14/2008 on public information); fees are 0 where the law makes the
service free, and an indicative local tariff (marked below) where a Perda sets one."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LayananSpec:
    nama: str
    persyaratan: tuple[str, ...]
    prosedur: tuple[str, ...]
    waktu_penyelesaian_hari: int
    produk: str
    biaya_rupiah: int = 0
    #: the unit that delivers it, by name, when the OPD has that unit
    unit: str | None = None


def _steps(*steps: str) -> tuple[str, ...]:
    return tuple(f"{i}. {step}" for i, step in enumerate(steps, 1))


_LOKET = "Pemohon datang ke loket pelayanan atau mendaftar secara daring dan mengambil nomor antrean."
_SELESAI = "Dokumen diserahkan kepada pemohon atau dikirim dalam bentuk elektronik."

LAYANAN: dict[str, LayananSpec] = {
    # Adminduk documents are free of charge by law (UU 24/2013 art. 79A).
    "ktp_el": LayananSpec(
        "Penerbitan KTP-el",
        ("Telah berusia 17 tahun, sudah kawin, atau pernah kawin", "Kartu Keluarga",
         "Surat keterangan kehilangan dari kepolisian (untuk KTP-el yang hilang)",
         "KTP-el yang rusak (untuk penggantian)"),
        _steps(_LOKET, "Petugas memverifikasi data pada Kartu Keluarga.",
               "Perekaman biometrik: foto, sidik jari, iris mata, dan tanda tangan.",
               "KTP-el dicetak setelah data terverifikasi di database kependudukan.", _SELESAI),
        1, "KTP-el", unit="Bidang Pelayanan Pendaftaran Penduduk"),
    "kartu_keluarga": LayananSpec(
        "Penerbitan Kartu Keluarga",
        ("Buku nikah/kutipan akta perkawinan atau kutipan akta perceraian",
         "Surat keterangan pindah (bagi penduduk pindah datang)",
         "Kartu Keluarga lama (untuk perubahan data)"),
        _steps(_LOKET, "Petugas memverifikasi berkas dan memutakhirkan data keluarga.",
               "Kartu Keluarga ditandatangani secara elektronik dan dicetak.", _SELESAI),
        1, "Kartu Keluarga bertanda tangan elektronik", unit="Bidang Pelayanan Pendaftaran Penduduk"),
    "akta_kelahiran": LayananSpec(
        "Penerbitan Akta Kelahiran",
        ("Surat keterangan kelahiran dari rumah sakit, puskesmas, dokter, atau bidan",
         "Kartu Keluarga orang tua", "KTP-el orang tua",
         "Buku nikah/kutipan akta perkawinan orang tua, atau SPTJM kebenaran pasangan suami istri"),
        _steps(_LOKET, "Petugas memverifikasi berkas dan mencatat kelahiran.",
               "Pejabat pencatatan sipil menandatangani kutipan akta kelahiran.", _SELESAI),
        1, "Kutipan Akta Kelahiran", unit="Bidang Pelayanan Pencatatan Sipil"),
    "akta_kematian": LayananSpec(
        "Penerbitan Akta Kematian",
        ("Surat keterangan kematian dari dokter, rumah sakit, atau lurah/kepala desa",
         "KTP-el dan Kartu Keluarga almarhum/almarhumah", "KTP-el pelapor"),
        _steps(_LOKET, "Petugas memverifikasi berkas dan mencatat kematian.",
               "Kutipan akta kematian diterbitkan dan Kartu Keluarga diperbarui.", _SELESAI),
        1, "Kutipan Akta Kematian dan Kartu Keluarga yang diperbarui",
        unit="Bidang Pelayanan Pencatatan Sipil"),
    "pindah_wni": LayananSpec(
        "Surat Keterangan Pindah WNI",
        ("Kartu Keluarga", "KTP-el", "Alamat tujuan pindah yang lengkap"),
        _steps(_LOKET, "Petugas memverifikasi data dan alamat tujuan.",
               "Surat keterangan pindah diterbitkan dan dikirim ke daerah tujuan secara elektronik.",
               _SELESAI),
        1, "Surat Keterangan Pindah Warga Negara Indonesia (SKPWNI)",
        unit="Bidang Pelayanan Pendaftaran Penduduk"),
    "kia": LayananSpec(
        "Penerbitan Kartu Identitas Anak (KIA)",
        ("Kutipan akta kelahiran anak", "Kartu Keluarga orang tua", "KTP-el orang tua",
         "Pas foto berwarna anak ukuran 2x3 (untuk anak usia 5 tahun ke atas)"),
        _steps(_LOKET, "Petugas memverifikasi berkas.", "KIA dicetak.", _SELESAI),
        1, "Kartu Identitas Anak", unit="Bidang Pelayanan Pendaftaran Penduduk"),
    "perekaman_ktp_kecamatan": LayananSpec(
        "Perekaman KTP-el di Kecamatan",
        ("Telah berusia 17 tahun, sudah kawin, atau pernah kawin", "Kartu Keluarga"),
        _steps(_LOKET, "Perekaman biometrik: foto, sidik jari, iris mata, dan tanda tangan.",
               "Data rekaman dikirim ke Disdukcapil untuk pencetakan KTP-el."),
        1, "Bukti perekaman KTP-el", unit="Seksi Pelayanan Umum"),
    # Perizinan berusaha runs through OSS-RBA (PP 5/2021); NIB itself carries no fee.
    "nib": LayananSpec(
        "Perizinan Berusaha Berbasis Risiko (NIB) melalui OSS",
        ("NIK pada KTP-el pelaku usaha", "NPWP", "Alamat email dan nomor telepon yang aktif",
         "Data kegiatan usaha sesuai KBLI 2020 dan lokasi usaha"),
        _steps("Pelaku usaha membuat akun di sistem OSS, sendiri atau dibantu petugas.",
               "Pelaku usaha mengisi data usaha dan memilih KBLI.",
               "Sistem OSS menerbitkan NIB; usaha berisiko menengah atau tinggi melengkapi "
               "sertifikat standar atau izin.",
               "DPMPTSP memverifikasi pemenuhan persyaratan bila diperlukan."),
        1, "Nomor Induk Berusaha (NIB) dan sertifikat standar/izin sesuai tingkat risiko",
        unit="Bidang Pelayanan Perizinan dan Nonperizinan"),
    "pbg": LayananSpec(
        "Persetujuan Bangunan Gedung (PBG)",
        ("Data pemohon dan KTP-el", "Bukti kepemilikan atau hak atas tanah",
         "Dokumen rencana teknis: arsitektur, struktur, dan utilitas",
         "Gambar rencana bangunan"),
        _steps("Pemohon mengajukan permohonan melalui SIMBG.",
               "Tim Profesi Ahli atau Tim Penilai Teknis memeriksa dokumen rencana teknis.",
               "Penetapan nilai retribusi PBG.", "Pemohon membayar retribusi.",
               "PBG diterbitkan."),
        # the retribusi depends on floor area and use, so the figure is an indicative one for
        # a small house
        28, "Persetujuan Bangunan Gedung", biaya_rupiah=750_000,
        unit="Bidang Pelayanan Perizinan dan Nonperizinan"),
    "konsultasi_perizinan": LayananSpec(
        "Konsultasi dan Pendampingan Perizinan Berusaha",
        ("KTP-el", "Gambaran rencana kegiatan usaha"),
        _steps(_LOKET, "Petugas menjelaskan jenis izin dan persyaratannya.",
               "Petugas mendampingi pengisian data di sistem OSS."),
        0, "Informasi dan pendampingan perizinan", unit="Bidang Pengaduan, Kebijakan dan "
        "Pelaporan Layanan"),
    "legalisasi_ijazah": LayananSpec(
        "Legalisasi Fotokopi Ijazah/STTB",
        ("Ijazah asli", "Fotokopi ijazah yang akan dilegalisasi", "KTP-el pemohon"),
        _steps(_LOKET, "Petugas mencocokkan fotokopi dengan ijazah asli.",
               "Pejabat berwenang menandatangani dan membubuhkan cap legalisasi.", _SELESAI),
        1, "Fotokopi ijazah yang telah dilegalisasi"),
    "pengganti_ijazah": LayananSpec(
        "Penerbitan Surat Keterangan Pengganti Ijazah",
        ("Surat keterangan kehilangan dari kepolisian atau bukti kerusakan",
         "Surat keterangan dari satuan pendidikan asal", "Fotokopi ijazah (bila ada)",
         "KTP-el pemohon"),
        _steps(_LOKET, "Petugas memverifikasi data kelulusan pada arsip sekolah.",
               "Surat keterangan pengganti ijazah ditandatangani kepala dinas.", _SELESAI),
        7, "Surat Keterangan Pengganti Ijazah"),
    "mutasi_siswa": LayananSpec(
        "Rekomendasi Pindah Sekolah Peserta Didik",
        ("Surat permohonan orang tua/wali", "Surat keterangan pindah dari sekolah asal",
         "Surat keterangan dapat diterima dari sekolah tujuan", "Rapor peserta didik"),
        _steps(_LOKET, "Petugas memverifikasi berkas dan data pada Dapodik.",
               "Rekomendasi pindah ditandatangani.", _SELESAI),
        3, "Surat rekomendasi pindah sekolah"),
    "rawat_jalan_puskesmas": LayananSpec(
        "Rawat Jalan di Puskesmas",
        ("KTP-el atau Kartu Keluarga",
         "Kartu JKN-KIS (peserta JKN tidak dipungut biaya)"),
        _steps("Pasien mengambil nomor antrean dan mendaftar di loket.",
               "Pemeriksaan di poli sesuai keluhan.", "Pengambilan obat di apotek puskesmas."),
        # tariff for patients outside JKN, as set by a Perda retribusi; indicative
        0, "Pemeriksaan, pengobatan, dan obat", biaya_rupiah=10_000,
        unit="Bidang Pelayanan Kesehatan"),
    "sip_nakes": LayananSpec(
        "Rekomendasi Surat Izin Praktik Tenaga Kesehatan",
        ("Surat Tanda Registrasi (STR) yang berlaku",
         "Surat keterangan dari fasilitas pelayanan kesehatan tempat praktik",
         "Pas foto berwarna", "KTP-el"),
        _steps(_LOKET, "Petugas memverifikasi berkas dan, bila perlu, meninjau tempat praktik.",
               "Rekomendasi diterbitkan untuk penerbitan SIP.", _SELESAI),
        5, "Rekomendasi Surat Izin Praktik", unit="Bidang Sumber Daya Kesehatan"),
    "rawat_jalan_spesialis": LayananSpec(
        "Rawat Jalan Poliklinik Spesialis",
        ("Surat rujukan dari fasilitas kesehatan tingkat pertama (bagi peserta JKN)",
         "Kartu JKN-KIS atau KTP-el"),
        _steps("Pasien mendaftar di loket atau melalui aplikasi antrean.",
               "Pemeriksaan oleh dokter spesialis.", "Pemeriksaan penunjang bila diperlukan.",
               "Pengambilan obat di instalasi farmasi."),
        # karcis for patients outside JKN, per the hospital's tariff rule; indicative
        0, "Pemeriksaan dan tata laksana spesialistik", biaya_rupiah=60_000,
        unit="Instalasi Rawat Jalan"),
    "uji_kir": LayananSpec(
        "Pengujian Berkala Kendaraan Bermotor (Uji KIR)",
        ("STNK asli dan fotokopi", "Kartu uji/buku uji lama (untuk uji ulang)",
         "Kendaraan dibawa ke tempat pengujian"),
        _steps("Pemohon mendaftar dan membayar retribusi.",
               "Pemeriksaan fisik dan pengujian kendaraan.",
               "Kartu uji dan tanda lulus uji diterbitkan."),
        # retribusi pengujian set by Perda; indicative
        1, "Kartu uji dan tanda lulus uji berkala (BLUe)", biaya_rupiah=87_000,
        unit="UPTD Pengujian Kendaraan Bermotor"),
    "trayek_akdp": LayananSpec(
        "Rekomendasi Izin Trayek Angkutan Antarkota dalam Provinsi (AKDP)",
        ("NIB perusahaan angkutan", "Daftar kendaraan dan STNK", "Bukti lulus uji berkala"),
        _steps(_LOKET, "Petugas memverifikasi berkas dan kapasitas trayek.",
               "Rekomendasi diterbitkan."),
        7, "Rekomendasi izin trayek", unit="Bidang Lalu Lintas dan Angkutan Jalan"),
    "pengaduan_kepegawaian": LayananSpec(
        "Layanan Pengaduan Kepegawaian",
        ("Identitas pelapor (NIP bagi ASN)", "Uraian pengaduan dan bukti pendukung"),
        _steps("Pelapor menyampaikan pengaduan melalui loket, surat, atau portal.",
               "Petugas mencatat dan memverifikasi pengaduan.",
               "Bidang terkait menindaklanjuti.", "Jawaban disampaikan kepada pelapor."),
        14, "Jawaban dan tindak lanjut pengaduan",
        unit="Bidang Penilaian Kinerja Aparatur dan Penghargaan"),
    "kenaikan_pangkat": LayananSpec(
        "Usul Kenaikan Pangkat Reguler",
        ("SK pangkat terakhir", "Penilaian kinerja (SKP) dua tahun terakhir",
         "Ijazah terakhir (untuk penyesuaian ijazah)"),
        _steps("OPD mengusulkan melalui sistem informasi ASN.", "BKD memverifikasi berkas.",
               "Usul diteruskan untuk pertimbangan teknis BKN.", "SK kenaikan pangkat diterbitkan."),
        14, "Surat Keputusan kenaikan pangkat", unit="Bidang Mutasi dan Promosi"),
    "usul_pensiun": LayananSpec(
        "Usul Pensiun Batas Usia",
        ("SK CPNS dan SK pangkat terakhir", "Kartu Keluarga", "Pas foto",
         "Daftar susunan keluarga"),
        _steps("OPD mengusulkan paling lambat satu tahun sebelum batas usia pensiun.",
               "BKD memverifikasi berkas.", "Usul diteruskan ke BKN.",
               "SK pensiun diterbitkan."),
        30, "Surat Keputusan pemberhentian dengan hak pensiun",
        unit="Bidang Pengadaan, Pemberhentian dan Informasi"),
    "pengaduan_aparatur": LayananSpec(
        "Penanganan Pengaduan Masyarakat atas Penyimpangan Aparatur",
        ("Identitas pelapor (boleh dirahasiakan)", "Uraian kejadian: apa, siapa, kapan, di mana",
         "Bukti pendukung bila ada"),
        _steps("Pengaduan diterima dan dicatat.", "Penelaahan oleh tim.",
               "Audit atau pemeriksaan khusus bila cukup bukti.",
               "Hasil penanganan disampaikan kepada pelapor."),
        30, "Laporan hasil penanganan pengaduan"),
    "dtsen": LayananSpec(
        "Usulan dan Pemutakhiran Data Tunggal Sosial dan Ekonomi Nasional (DTSEN)",
        ("KTP-el dan Kartu Keluarga", "Surat pengantar dari kelurahan/desa"),
        _steps("Warga mengajukan usulan melalui kelurahan/desa atau langsung ke dinas.",
               "Verifikasi dan validasi lapangan.", "Data diusulkan untuk pemutakhiran."),
        14, "Bukti usulan pemutakhiran data",
        unit="Bidang Pemberdayaan Sosial dan Penanganan Fakir Miskin"),
    "pbi_jk": LayananSpec(
        "Rekomendasi Penerima Bantuan Iuran Jaminan Kesehatan (PBI-JK)",
        ("KTP-el dan Kartu Keluarga", "Terdaftar dalam data sosial ekonomi",
         "Surat keterangan dari kelurahan/desa"),
        _steps(_LOKET, "Petugas memeriksa status pada data sosial ekonomi.",
               "Rekomendasi diterbitkan dan diteruskan ke BPJS Kesehatan."),
        3, "Surat rekomendasi PBI-JK", unit="Bidang Perlindungan dan Jaminan Sosial"),
    "pengaduan_trantib": LayananSpec(
        "Pengaduan Gangguan Ketenteraman dan Ketertiban Umum",
        ("Identitas pelapor", "Lokasi dan uraian gangguan"),
        _steps("Pengaduan diterima melalui telepon, loket, atau portal.",
               "Petugas meninjau lokasi.", "Penertiban atau pembinaan sesuai Perda.",
               "Hasil tindak lanjut disampaikan kepada pelapor."),
        3, "Tindak lanjut penertiban",
        unit="Bidang Ketertiban Umum dan Ketenteraman Masyarakat"),
    "surat_keterangan_kecamatan": LayananSpec(
        "Surat Keterangan (Domisili, Tidak Mampu, dan Lainnya)",
        ("Surat pengantar dari kelurahan/desa", "KTP-el dan Kartu Keluarga"),
        _steps(_LOKET, "Petugas memverifikasi berkas.", "Camat menandatangani surat keterangan.",
               _SELESAI),
        1, "Surat keterangan yang ditandatangani camat", unit="Seksi Pelayanan Umum"),
    "ahli_waris": LayananSpec(
        "Legalisasi Surat Pernyataan Ahli Waris",
        ("Surat pernyataan ahli waris yang ditandatangani seluruh ahli waris dan diketahui "
         "lurah/kepala desa", "Akta kematian pewaris", "KTP-el dan Kartu Keluarga para ahli waris"),
        _steps(_LOKET, "Petugas memverifikasi berkas dan para saksi.",
               "Camat menguatkan surat pernyataan ahli waris.", _SELESAI),
        3, "Surat pernyataan ahli waris yang dikuatkan camat", unit="Seksi Pemerintahan"),
    "informasi_publik": LayananSpec(
        "Permohonan Informasi Publik (PPID)",
        ("Identitas pemohon (KTP-el atau akta badan hukum)", "Rincian informasi yang diminta",
         "Tujuan penggunaan informasi"),
        _steps("Pemohon mengajukan permohonan ke PPID secara langsung atau daring.",
               "PPID mencatat dan meneruskan ke unit yang menguasai informasi.",
               "Informasi diberikan atau penolakan disampaikan dengan alasannya."),
        # UU 14/2008: 10 working days, extendable by 7
        10, "Informasi publik yang diminta", unit="Bagian Umum"),
}

"""The pegawai's objection to a final rating, decided by the atasan of the pejabat penilai."""

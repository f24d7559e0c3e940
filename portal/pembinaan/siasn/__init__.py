"""SIASN "riwayat kursus": the OPD's counted training records as a CSV in the national staff
system's field names, and an all-or-nothing import of past records in the same columns."""

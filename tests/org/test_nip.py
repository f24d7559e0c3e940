from datetime import date

import pytest

from portal.org.nip import NipError, is_valid_nip, make_nip, parse_nip

TODAY = date(2026, 11, 23)


def test_valid_nip_is_split_into_its_parts():
    parts = parse_nip("198503122010012003", today=TODAY)
    assert parts.tanggal_lahir == date(1985, 3, 12)
    assert (parts.tmt_tahun, parts.tmt_bulan) == (2010, 1)
    assert parts.jenis_kelamin == "P"
    assert parts.urutan == 3


def test_spaces_and_dots_copied_from_documents_are_ignored():
    assert is_valid_nip("19850312 201001 2 003")
    assert is_valid_nip("19850312.201001.2.003")


@pytest.mark.parametrize(
    ("nip", "message"),
    [
        ("198502302010011003", "Tanggal lahir"),  # 30 February
        ("198513122010011003", "Tanggal lahir"),  # month 13
        ("198503122010131003", "Bulan pengangkatan"),  # appointment month 13
        ("198503121980011003", "Tahun pengangkatan"),  # appointed before birth
        ("198503122099011003", "Tahun pengangkatan"),  # appointed in the future
        ("19850312201001100", "18 angka"),  # 17 digits
        ("1985031220100110033", "18 angka"),  # 19 digits
        ("19850312201001100A", "angka"),
        ("198503122010013003", "jenis kelamin"),  # gender digit 3
        ("198503122010010003", "jenis kelamin"),  # gender digit 0
        ("198503122010011000", "000"),
        ("", "angka"),
    ],
)
def test_invalid_nip_is_refused_with_a_reason(nip, message):
    with pytest.raises(NipError) as error:
        parse_nip(nip, today=TODAY)
    assert message in str(error.value)


def test_make_nip_round_trips():
    nip = make_nip(date(1990, 7, 4), 2015, 3, "L", 12)
    assert nip == "199007042015031012"
    assert parse_nip(nip, today=TODAY).jenis_kelamin == "L"

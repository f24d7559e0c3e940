import re

from portal.complaints.tracking import ALPHABET, new_code, normalise_code


def test_codes_are_grouped_long_and_free_of_look_alikes():
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000
    for code in codes:
        assert re.fullmatch(r"[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}", code)
        assert not set(code) & set("ILOU")
    assert len(ALPHABET) == 32  # 15 symbols × 5 bits = 75 random bits ≥ 60


def test_what_people_type_is_normalised():
    assert normalise_code("k7qm2 9xh4t pz3wa") == "K7QM2-9XH4T-PZ3WA"
    assert normalise_code("K7QM2-9XH4T-PZ3WO") == "K7QM2-9XH4T-PZ3W0"  # O read as zero
    assert normalise_code("I1L00-00000-00000") == "11100-00000-00000"
    assert normalise_code("K7QM2-9XH4T") is None
    assert normalise_code("K7QM2-9XH4T-PZ3W!") is None
    assert normalise_code("") is None

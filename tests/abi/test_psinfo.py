"""The psinfo record getsysinfo writes, as the guest compiler sees it."""
from emu.abi import psinfo
from emu.abi.cheaders import render


def test_generated_header_matches_the_record_layout():
    text = render()["minix/gen/psinfo.h"]
    fields = [line.split()[1].rstrip(";") for line in text.splitlines()
              if line.strip().startswith("int ")]
    assert tuple(fields) == psinfo.PSINFO_FIELDS
    assert f"#define SI_PROC_TAB          {psinfo.SI_PROC_TAB}" in text
    assert psinfo.PSINFO.size == 4 * len(psinfo.PSINFO_FIELDS) + psinfo.PSINFO_NAME_LEN

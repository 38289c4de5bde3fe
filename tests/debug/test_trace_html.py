"""`minixemu trace html` in a real headless Chromium: lanes, arrows, nested
calls, a click on an arrow, the filters and the time window, a screenshot.

Chromium comes from the system's packages (.ci/run installs it when it is
missing); the test skips, saying so, only where it cannot be had.
"""
import json
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path
from urllib.parse import quote

import pytest

from emu.debug.calls import analyze
from emu.debug.msc import chart_data
from emu.debug.tracefile import read_trace
from tests.conftest import minixemu

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium here: `apt-get install chromium` (as .ci/run does)")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--hide-scrollbars"]


def chromium(tmp_path: Path, *args) -> subprocess.CompletedProcess:
    profile = tmp_path / "chromium-profile"
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, timeout=180)


def render(tmp_path: Path, page: Path, fragment: str = "") -> str:
    """The DOM after the page's script ran."""
    r = chromium(tmp_path, "--dump-dom", page.as_uri() + fragment)
    dom = r.stdout.decode("utf-8", "replace")
    assert 'data-ready="1"' in dom, r.stderr.decode()[-2000:]
    return dom


def make_page(trace: Path, tmp_path: Path) -> tuple[Path, dict]:
    out = tmp_path / (trace.stem + ".html")
    r = minixemu("trace", "html", trace, "-o", out)
    assert r.status == 0 and r.err == "", r.err
    _, events = read_trace(trace)
    return out, chart_data(trace.name, events, analyze(events))


def shown(dom: str) -> list[dict]:
    """The message groups drawn: their data- attributes."""
    out = []
    for tag in re.findall(r'<g class="msg[^"]*"[^>]*>', dom):
        out.append(dict(re.findall(r'data-([a-z]+)="([^"]*)"', tag)))
    return out


def test_pingpong_lanes_arrows_and_nesting(traces, tmp_path):
    page, data = make_page(traces["pingpong"], tmp_path)
    dom = render(tmp_path, page)
    lanes = re.findall(r'<g class="lane[^"]*" data-lane="([^"]+)"', dom)
    assert lanes == [lane["key"] for lane in data["lanes"]]
    assert {"pid 1", "pid 2", "pm", "vfs", "tty"} <= set(lanes)
    for lane in data["lanes"]:
        assert f">{lane['name']}</text>" in dom
    drawn = shown(dom)
    assert len(drawn) == len(data["messages"]) > 40
    assert {m["kind"] for m in drawn} >= {"request", "reply", "send"}
    dev_writes = [m for m in drawn if m["call"] == "DEV_WRITE"]
    assert dev_writes and all(m["depth"] == "1" and m["src"] in ("vfs", "tty") for m in dev_writes)
    assert all(m["depth"] == "0" for m in drawn if m["call"] == "write")
    n = len(data["messages"])
    assert f">{n} of {n} messages, {len(lanes)} lanes<" in dom


def test_click_on_an_arrow_shows_its_decoded_fields(traces, tmp_path):
    page, data = make_page(traces["pingpong"], tmp_path)
    m = next(m for m in data["messages"] if m["call"] == "DEV_WRITE" and m["kind"] == "request")
    dom = render(tmp_path, page, f"#click={m['id']}")
    details = dom.split('id="details"')[1]
    rows = dict(re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td></tr>", details))
    assert rows["call"] == "DEV_WRITE" and rows["from"] == "vfs" and rows["to"] == "tty"
    assert rows["count"] == dict(m["fields"])["count"]
    assert rows["serving"].startswith("write of demos-pingpong[1]")
    assert re.search(rf'<g class="msg request selected" data-id="{m["id"]}"', dom)


def test_open_read_write_program(traces, tmp_path):
    page, data = make_page(traces["traceio"], tmp_path)
    dom = render(tmp_path, page)
    drawn = shown(dom)
    calls = {m["call"] for m in drawn if m["src"] == "pid 1"}
    assert {"open", "read", "write", "exit"} <= calls
    # The failing read(9) is drawn as an error reply.
    assert re.search(r'<g class="msg reply error"[^>]*data-call="read"', dom)


def test_filter_by_process_and_call_and_zoom(traces, tmp_path):
    page, data = make_page(traces["pingpong"], tmp_path)
    msgs = data["messages"]
    dom = render(tmp_path, page, "#call=write")
    want = [m for m in msgs if "write" in (m["call"].lower(), (m["topcall"] or "").lower())]
    assert [int(m["id"]) for m in shown(dom)] == [m["id"] for m in want]
    dom = render(tmp_path, page, "#proc=" + quote("pid 2"))
    want = [m for m in msgs if "pid 2" in (m["src"], m["dst"], m["top"])]
    assert [int(m["id"]) for m in shown(dom)] == [m["id"] for m in want]
    assert 'data-lane="tty"' not in dom               # lanes with nothing shown go
    lo, hi = msgs[10]["t"], msgs[20]["t"]
    dom = render(tmp_path, page, f"#from={lo / 1e9:.9f}&to={hi / 1e9:.9f}")
    want = [m for m in msgs if lo <= m["t"] <= hi]
    assert [int(m["id"]) for m in shown(dom)] == [m["id"] for m in want]


def test_page_is_self_contained(traces, tmp_path):
    page, _ = make_page(traces["traceio"], tmp_path)
    html = page.read_text()
    assert not re.search(r'<(script|link|img|iframe)[^>]*\s(src|href)=', html)
    assert set(re.findall(r"https?://[^\s\"'<`]+", html)) == {"http://www.w3.org/2000/svg"}


def test_screenshot_is_not_blank(traces, tmp_path):
    page, _ = make_page(traces["pingpong"], tmp_path)
    png = tmp_path / "shot.png"
    r = chromium(tmp_path, "--window-size=1400,900", f"--screenshot={png}",
                 page.as_uri() + "#click=9")
    assert png.exists(), r.stderr.decode()[-2000:]
    width, height, pixels = read_png(png.read_bytes())
    assert (width, height) == (1400, 900)
    grey = [sum(p[:3]) // 3 for p in pixels]
    mean = sum(grey) / len(grey)
    variance = sum((g - mean) ** 2 for g in grey) / len(grey)
    assert variance > 100, variance                     # a chart, not an empty page
    dark = sum(1 for g in grey if g < 128) / len(grey)
    assert 0.005 < dark < 0.5                           # text and arrows on a light page


def read_png(data: bytes):
    """(width, height, [(r, g, b[, a])...]) of an 8-bit RGB(A) PNG, undoing its filters."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and colour in (2, 6)
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    pixels = [tuple(row[i:i + bpp]) for row in rows[::4] for i in range(0, stride, bpp * 4)]
    return width, height, pixels

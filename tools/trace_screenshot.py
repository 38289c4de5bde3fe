"""Regenerate docs/trace-html.png, the README's picture of `minixemu trace html`.

    python tools/trace_screenshot.py [OUT.png]

Runs the pingpong demo with -D, draws its message-sequence chart, and has a
headless Chromium (the system's, as the HTML test uses) photograph the page
from the demo's first call on (the root file system's mount comes before),
with the first DEV_WRITE clicked, so its decoded fields show.
"""
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from emu.debug.calls import analyze  # noqa: E402
from emu.debug.msc import chart_data  # noqa: E402
from emu.debug.tracefile import read_trace  # noqa: E402
from emu.toolchain import paths  # noqa: E402
from emu.toolchain.guestbuild import GuestBuild  # noqa: E402

OUT = ROOT / "docs" / "trace-html.png"
SIZE = (1400, 900)
MAX_BYTES = 300 << 10  # documentation, not an artefact: keep it small
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--hide-scrollbars"]


def minixemu(*args) -> None:
    subprocess.run([sys.executable, "-m", "emu", *map(str, args)], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL)


def view(trace: Path) -> str:
    """The page's fragment: the time window and the clicked arrow."""
    _, events = read_trace(trace)
    messages = chart_data(trace.name, events, analyze(events))["messages"]
    first = next(m for m in messages if m["src"] == "pid 1")
    clicked = next(m for m in messages if m["call"] == "DEV_WRITE" and m["kind"] == "request")
    return f"#from={first['t'] / 1e9:.9f}&click={clicked['id']}"


def main(argv: list[str]) -> int:
    out = Path(argv[0]).resolve() if argv else OUT
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("no chromium: apt-get install chromium", file=sys.stderr)
        return 1
    build = GuestBuild()
    # Named as the tests name it, so the chart's lanes read as theirs do.
    demo = build.program([paths.GUEST_DIR / "demos" / "pingpong.c"],
                         build.root / "guest" / "bin" / "demos-pingpong")
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        trace, page, shot = d / "pingpong.jsonl", d / "pingpong.html", d / "shot.png"
        minixemu("run", "-D", trace, demo)
        minixemu("trace", "html", trace, "-o", page)
        subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={d / 'profile'}",
                        f"--window-size={SIZE[0]},{SIZE[1]}", f"--screenshot={shot}",
                        page.as_uri() + view(trace)],
                       check=True, capture_output=True, timeout=180)
        data = shot.read_bytes()
    if len(data) > MAX_BYTES:
        print(f"{len(data)} bytes: more than {MAX_BYTES}", file=sys.stderr)
        return 1
    out.write_bytes(data)
    print(f"{out} ({len(data) // 1024} KiB, {SIZE[0]}x{SIZE[1]})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

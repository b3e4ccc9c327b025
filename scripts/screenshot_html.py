"""Render the example pair's HTML report in headless Chromium, take a screenshot, and check it really rendered.

Checks: Chromium exits 0, the PNG exists and is a real image of the requested size, and it is not blank (many
distinct colours, dark text pixels on the light page, the verdict banner's red tint present). Prints the numbers.

    python scripts/screenshot_html.py [--out report.png]       (needs Debian's chromium: apt-get install chromium)
"""

from __future__ import annotations

import argparse
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer import diff, extract_summary, load_article  # noqa: E402
from summarizer.render import diff_html  # noqa: E402

WIDTH, HEIGHT = 1200, 1600


def read_png(path: Path) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Decode an 8-bit RGB/RGBA PNG (what Chromium writes) into pixels, with the standard library only."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and color in (2, 6), f"unexpected PNG format {depth}/{color}"
            bpp = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows: list[bytearray] = []
    prev = bytearray(stride)
    i = 0
    for _ in range(height):
        ftype, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], (prev[x - bpp] if x >= bpp else 0)
            if ftype == 1:
                line[x] = (line[x] + a) & 255
            elif ftype == 2:
                line[x] = (line[x] + b) & 255
            elif ftype == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    pixels = [(r[x], r[x + 1], r[x + 2]) for r in rows[::4] for x in range(0, stride, bpp * 4)]
    return width, height, pixels


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "summarizer-report.png")
    args = ap.parse_args()
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        print("chromium not found: apt-get install chromium")
        return 2
    old, new = (extract_summary(load_article(ROOT / "examples" / f"korea-{n}.txt")) for n in ("original", "rewrite"))
    page = Path(tempfile.mkdtemp()) / "report.html"
    page.write_text(diff_html(diff(old, new), title="summarizer: korea-original.txt vs korea-rewrite.txt"))
    profile = tempfile.mkdtemp()
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", f"--window-size={WIDTH},{HEIGHT}", f"--screenshot={args.out}",
           page.as_uri()]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if proc.returncode != 0 or not args.out.is_file():
        print(f"chromium failed ({proc.returncode}): {proc.stderr.strip()[-300:]}")
        return 1
    width, height, pixels = read_png(args.out)
    colours = len(set(pixels))
    dark = sum(1 for p in pixels if sum(p) < 200) / len(pixels)
    red_banner = sum(1 for r, g, b in pixels if r > 240 and 200 < g < 235 and 200 < b < 235)
    print(f"screenshot {args.out}: {width}x{height}, {colours} distinct colours, {dark:.1%} dark text pixels, "
          f"{red_banner} verdict-banner pixels")
    ok = (width, height) == (WIDTH, HEIGHT) and colours > 50 and 0.005 < dark < 0.4 and red_banner > 100
    print("rendered: yes" if ok else "rendered: NO (blank or broken page)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

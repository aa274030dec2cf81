#!/usr/bin/env python3
"""Draws docs/benchmarks-growth.png from docs/benchmarks-growth.csv (standard library only).

CSV columns: series,documents,ms  (one row per point; series names are drawn as the legend).
Log-log axes: a straight line of slope 1 is a cost that grows like the corpus.

    python3 benchmarks/plot_growth.py docs/benchmarks-growth.csv docs/benchmarks-growth.png "TITLE"
"""
import csv
import math
import struct
import sys
import zlib

FONT = {  # 5x7 glyphs, one string of 5 bits per row
    "0": ["01110", "10001", "10011", "10101", "11001", "10001", "01110"],
    "1": ["00100", "01100", "00100", "00100", "00100", "00100", "01110"],
    "2": ["01110", "10001", "00001", "00010", "00100", "01000", "11111"],
    "3": ["11110", "00001", "00001", "01110", "00001", "00001", "11110"],
    "4": ["00010", "00110", "01010", "10010", "11111", "00010", "00010"],
    "5": ["11111", "10000", "11110", "00001", "00001", "10001", "01110"],
    "6": ["00110", "01000", "10000", "11110", "10001", "10001", "01110"],
    "7": ["11111", "00001", "00010", "00100", "01000", "01000", "01000"],
    "8": ["01110", "10001", "10001", "01110", "10001", "10001", "01110"],
    "9": ["01110", "10001", "10001", "01111", "00001", "00010", "01100"],
    ".": ["00000", "00000", "00000", "00000", "00000", "01100", "01100"],
    ",": ["00000", "00000", "00000", "00000", "01100", "00100", "01000"],
    "-": ["00000", "00000", "00000", "11111", "00000", "00000", "00000"],
    ">": ["01000", "00100", "00010", "00001", "00010", "00100", "01000"],
    "/": ["00001", "00010", "00010", "00100", "01000", "01000", "10000"],
    "(": ["00010", "00100", "01000", "01000", "01000", "00100", "00010"],
    ")": ["01000", "00100", "00010", "00010", "00010", "00100", "01000"],
    ":": ["00000", "01100", "01100", "00000", "01100", "01100", "00000"],
    "=": ["00000", "00000", "11111", "00000", "11111", "00000", "00000"],
    " ": ["00000"] * 7,
    "A": ["01110", "10001", "10001", "11111", "10001", "10001", "10001"],
    "B": ["11110", "10001", "10001", "11110", "10001", "10001", "11110"],
    "C": ["01110", "10001", "10000", "10000", "10000", "10001", "01110"],
    "D": ["11100", "10010", "10001", "10001", "10001", "10010", "11100"],
    "E": ["11111", "10000", "10000", "11110", "10000", "10000", "11111"],
    "F": ["11111", "10000", "10000", "11110", "10000", "10000", "10000"],
    "G": ["01110", "10001", "10000", "10111", "10001", "10001", "01111"],
    "H": ["10001", "10001", "10001", "11111", "10001", "10001", "10001"],
    "I": ["01110", "00100", "00100", "00100", "00100", "00100", "01110"],
    "J": ["00111", "00010", "00010", "00010", "00010", "10010", "01100"],
    "K": ["10001", "10010", "10100", "11000", "10100", "10010", "10001"],
    "L": ["10000", "10000", "10000", "10000", "10000", "10000", "11111"],
    "M": ["10001", "11011", "10101", "10101", "10001", "10001", "10001"],
    "N": ["10001", "10001", "11001", "10101", "10011", "10001", "10001"],
    "O": ["01110", "10001", "10001", "10001", "10001", "10001", "01110"],
    "P": ["11110", "10001", "10001", "11110", "10000", "10000", "10000"],
    "Q": ["01110", "10001", "10001", "10001", "10101", "10010", "01101"],
    "R": ["11110", "10001", "10001", "11110", "10100", "10010", "10001"],
    "S": ["01111", "10000", "10000", "01110", "00001", "00001", "11110"],
    "T": ["11111", "00100", "00100", "00100", "00100", "00100", "00100"],
    "U": ["10001", "10001", "10001", "10001", "10001", "10001", "01110"],
    "V": ["10001", "10001", "10001", "10001", "10001", "01010", "00100"],
    "W": ["10001", "10001", "10001", "10101", "10101", "10101", "01010"],
    "X": ["10001", "10001", "01010", "00100", "01010", "10001", "10001"],
    "Y": ["10001", "10001", "01010", "00100", "00100", "00100", "00100"],
    "Z": ["11111", "00001", "00010", "00100", "01000", "10000", "11111"],
}

COLOURS = [(31, 119, 180), (214, 39, 40), (44, 160, 44), (148, 103, 189), (255, 127, 14), (23, 190, 207)]
W, H = 900, 560
LEFT, RIGHT, TOP, BOTTOM = 90, 330, 50, 70


def main(source, target, title="MS PER QUERY VS DOCUMENTS, LOG-LOG"):
    series = {}
    with open(source, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            series.setdefault(row["series"], []).append((float(row["documents"]), float(row["ms"])))
    xs = [x for points in series.values() for x, _ in points]
    ys = [y for points in series.values() for _, y in points]
    x0, x1 = math.floor(math.log10(min(xs))), math.ceil(math.log10(max(xs)))
    y0, y1 = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
    img = [[(255, 255, 255)] * W for _ in range(H)]

    def px(x):
        return LEFT + (math.log10(x) - x0) / (x1 - x0) * (W - LEFT - RIGHT)

    def py(y):
        return H - BOTTOM - (math.log10(y) - y0) / (y1 - y0) * (H - TOP - BOTTOM)

    def dot(x, y, c, r=0):
        for dy in range(-r, r + 1):
            for dx in range(-r, r + 1):
                xx, yy = int(round(x)) + dx, int(round(y)) + dy
                if 0 <= xx < W and 0 <= yy < H:
                    img[yy][xx] = c

    def line(xa, ya, xb, yb, c, r=0):
        steps = int(max(abs(xb - xa), abs(yb - ya))) + 1
        for i in range(steps + 1):
            t = i / steps
            dot(xa + (xb - xa) * t, ya + (yb - ya) * t, c, r)

    def text(x, y, s, c=(0, 0, 0), scale=2):
        for ch in s.upper():
            glyph = FONT.get(ch, FONT[" "])
            for row, bits in enumerate(glyph):
                for col, bit in enumerate(bits):
                    if bit == "1":
                        for sy in range(scale):
                            for sx in range(scale):
                                dot(x + col * scale + sx, y + row * scale + sy, c)
            x += 6 * scale

    grey = (220, 220, 220)
    for e in range(x0, x1 + 1):
        for m in (1, 2, 5):
            v = m * 10 ** e
            if 10 ** x0 <= v <= 10 ** x1:
                line(px(v), TOP, px(v), H - BOTTOM, grey)
        label = {3: "1K", 4: "10K", 5: "100K", 6: "1M", 7: "10M"}.get(e, str(10 ** e))
        text(px(10 ** e) - len(label) * 6, H - BOTTOM + 10, label)
    for m in (3,):
        v = m * 10 ** 6
        if 10 ** x0 <= v <= 10 ** x1:
            text(px(v) - 12, H - BOTTOM + 10, "3M")
    for e in range(y0, y1 + 1):
        for m in (1, 2, 5):
            v = m * 10 ** e
            if 10 ** y0 <= v <= 10 ** y1:
                line(LEFT, py(v), W - RIGHT, py(v), grey)
        label = f"{10 ** e:g}"
        text(LEFT - 12 - len(label) * 12, py(10 ** e) - 7, label)
    line(LEFT, TOP, LEFT, H - BOTTOM, (0, 0, 0))
    line(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM, (0, 0, 0))
    text(LEFT, 15, title)
    text(LEFT + 150, H - 30, "DOCUMENTS IN THE INDEX")
    # Slope 1 (cost like the corpus) from the first point of the first series.
    first = sorted(next(iter(series.values())))[0]
    line(px(first[0]), py(first[1]), px(first[0] * 30), py(first[1] * 30), (160, 160, 160))
    for i, (name, points) in enumerate(series.items()):
        c = COLOURS[i % len(COLOURS)]
        points.sort()
        for (xa, ya), (xb, yb) in zip(points, points[1:]):
            line(px(xa), py(ya), px(xb), py(yb), c, 1)
        for x, y in points:
            dot(px(x), py(y), c, 3)
        ly = TOP + 10 + i * 28
        line(W - RIGHT + 20, ly + 7, W - RIGHT + 45, ly + 7, c, 2)
        text(W - RIGHT + 52, ly, name[:22], scale=2)
    ly = TOP + 10 + len(series) * 28
    line(W - RIGHT + 20, ly + 7, W - RIGHT + 45, ly + 7, (160, 160, 160))
    text(W - RIGHT + 52, ly, "SLOPE 1 (LINEAR)")

    raw = b"".join(b"\x00" + bytes(v for p in row for v in p) for row in img)
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    with open(target, "wb") as f:
        f.write(png)


if __name__ == "__main__":
    main(*sys.argv[1:4])

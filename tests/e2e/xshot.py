#!/usr/bin/python3
"""Saves what the X display shows of the window titled TITLE as a PNG: the pixels a user sees,
read from the X server (WebDriver's own screenshots wait on WebKit, which paints without
accelerated compositing here).

    tests/e2e/xshot.py TITLE OUT.png

Exits 1 when no mapped window has that title."""
import struct
import sys
import zlib

from Xlib import X, display


def titled(d, window, title):
    name = window.get_full_property(d.intern_atom("_NET_WM_NAME"), d.intern_atom("UTF8_STRING"))
    if (name and name.value.decode("utf-8", "replace") == title) or window.get_wm_name() == title:
        if window.get_attributes().map_state == X.IsViewable:
            return window
    for child in window.query_tree().children:
        found = titled(d, child, title)
        if found:
            return found
    return None


def png(width, height, rows):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    raw = b"".join(b"\x00" + row for row in rows)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")


def main():
    title, out = sys.argv[1], sys.argv[2]
    d = display.Display()
    window = titled(d, d.screen().root, title)
    if window is None:
        print(f"no window titled {title!r} is shown", file=sys.stderr)
        sys.exit(1)
    g = window.get_geometry()
    # Only the part on the screen has pixels.
    root = d.screen().root
    at = window.translate_coords(root, 0, 0)
    width = min(g.width, d.screen().width_in_pixels + at.x)
    height = min(g.height, d.screen().height_in_pixels + at.y)
    data = window.get_image(0, 0, width, height, X.ZPixmap, 0xFFFFFFFF).data
    # 32 bits per pixel, BGRX, rows without padding at these depths.
    rows = []
    for y in range(height):
        line = data[y * width * 4 : (y + 1) * width * 4]
        rgb = bytearray(width * 3)
        rgb[0::3] = line[2::4]
        rgb[1::3] = line[1::4]
        rgb[2::3] = line[0::4]
        rows.append(bytes(rgb))
    with open(out, "wb") as f:
        f.write(png(width, height, rows))


if __name__ == "__main__":
    main()

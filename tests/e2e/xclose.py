#!/usr/bin/python3
"""Asks the X windows titled TITLE to close, as a window manager's close button does: a
WM_DELETE_WINDOW message (the test display has no window manager to send it).

    tests/e2e/xclose.py TITLE

Exits 1 when no window has that title."""
import sys

from Xlib import X, display
from Xlib.protocol import event


def titled(d, window, title, found):
    name = window.get_full_property(d.intern_atom("_NET_WM_NAME"), d.intern_atom("UTF8_STRING"))
    if (name and name.value.decode("utf-8", "replace") == title) or window.get_wm_name() == title:
        found.append(window)
    for child in window.query_tree().children:
        titled(d, child, title, found)
    return found


def main():
    title = sys.argv[1]
    d = display.Display()
    protocols = d.intern_atom("WM_PROTOCOLS")
    delete = d.intern_atom("WM_DELETE_WINDOW")
    windows = titled(d, d.screen().root, title, [])
    for window in windows:
        message = event.ClientMessage(window=window, client_type=protocols, data=(32, [delete, X.CurrentTime, 0, 0, 0]))
        window.send_event(message, event_mask=X.NoEventMask)
    d.flush()
    if not windows:
        print(f"no window titled {title!r}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# Runs a command inside a private desktop session for tests: its own D-Bus session bus, an
# unlocked gnome-keyring (the real Secret Service) whose files live in a temp dir, an Xvfb
# display and a dunst notification daemon. Nothing touches the user's real keychain or $HOME.
# Every process started here is stopped by PID on exit, and the temp dir is removed.
#
#   scripts/session.sh COMMAND [ARGS...]
set -euo pipefail

if [[ "${KEYLEDGER_IN_SESSION:-}" != 1 ]]; then
  session_root=$(mktemp -d -t keyledger-session.XXXXXX)
  cleanup_root() { rm -rf "$session_root"; }
  trap cleanup_root EXIT
  export KEYLEDGER_SESSION_ROOT="$session_root"
  export XDG_DATA_HOME="$session_root/data" XDG_CACHE_HOME="$session_root/cache"
  export XDG_CONFIG_HOME="$session_root/config" XDG_RUNTIME_DIR="$session_root/run"
  mkdir -p "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR"
  chmod 700 "$XDG_RUNTIME_DIR"
  # dbus-run-session ends the bus when the inner script exits.
  KEYLEDGER_IN_SESSION=1 dbus-run-session -- "$0" "$@"
  exit $?
fi

pids=()
stop_all() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_all EXIT

wait_for() { # wait_for DESCRIPTION SECONDS COMMAND... : polls COMMAND until it succeeds
  local what=$1 secs=$2; shift 2
  local deadline=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then echo "session: $what did not come up in ${secs}s" >&2; return 1; fi
    sleep 0.1
  done
}

# The keychain: gnome-keyring in the foreground (so its PID is ours), unlocked with a throwaway
# password read from stdin.
printf 'keyledger-test' | gnome-keyring-daemon --foreground --unlock --components=secrets \
  >"$KEYLEDGER_SESSION_ROOT/keyring.log" 2>&1 &
pids+=($!)
wait_for "gnome-keyring (org.freedesktop.secrets)" 20 \
  dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
  org.freedesktop.DBus.GetNameOwner string:org.freedesktop.secrets

# A display for the app window and the notification daemon.
display_num=$((100 + RANDOM % 800))
while [[ -e /tmp/.X11-unix/X$display_num || -e /tmp/.X$display_num-lock ]]; do
  display_num=$((display_num + 1))
done
Xvfb ":$display_num" -screen 0 1280x800x24 -nolisten tcp >"$KEYLEDGER_SESSION_ROOT/xvfb.log" 2>&1 &
pids+=($!)
export DISPLAY=":$display_num"
wait_for "Xvfb on $DISPLAY" 20 test -e "/tmp/.X11-unix/X$display_num"

dunst -config /dev/null >"$KEYLEDGER_SESSION_ROOT/dunst.log" 2>&1 &
pids+=($!)
wait_for "dunst (org.freedesktop.Notifications)" 20 \
  dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
  org.freedesktop.DBus.GetNameOwner string:org.freedesktop.Notifications

"$@"

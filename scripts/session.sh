#!/usr/bin/env bash
# Runs a command inside a private desktop session for tests: its own D-Bus session bus, an
# unlocked gnome-keyring (the real Secret Service) whose files live in a temp dir, an Xvfb
# display and a dunst notification daemon. Nothing touches the user's real keychain or $HOME.
# Every process started here is stopped by PID on exit, and the temp dir is removed.
#
# The bus activates every service the system offers except a keyring: if the test keyring
# dies, the run stops with "gnome-keyring died" and its log instead of tests meeting a second,
# locked daemon that D-Bus started in its place.
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
  services="$session_root/dbus-services"
  mkdir -p "$services"
  for f in /usr/share/dbus-1/services/*.service; do
    [[ -e $f ]] || continue
    grep -qE '^Name=(org\.freedesktop\.secrets|org\.gnome\.keyring|org\.freedesktop\.impl\.portal\.Secret)' "$f" ||
      ln -s "$f" "$services/"
  done
  cat >"$session_root/dbus-session.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <servicedir>$services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF
  # dbus-run-session ends the bus when the inner script exits.
  KEYLEDGER_IN_SESSION=1 dbus-run-session --config-file="$session_root/dbus-session.conf" -- "$0" "$@"
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
keyring_pid=$!
pids+=("$keyring_pid")
wait_for "gnome-keyring (org.freedesktop.secrets)" 20 \
  dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
  org.freedesktop.DBus.GetNameOwner string:org.freedesktop.secrets

# A display for the app window and the notification daemon.
display_num=$((100 + RANDOM % 800))
while [[ -e /tmp/.X11-unix/X$display_num || -e /tmp/.X$display_num-lock ]]; do
  display_num=$((display_num + 1))
done
Xvfb ":$display_num" -screen 0 1920x1200x24 -nolisten tcp >"$KEYLEDGER_SESSION_ROOT/xvfb.log" 2>&1 &
pids+=($!)
export DISPLAY=":$display_num"
wait_for "Xvfb on $DISPLAY" 20 test -e "/tmp/.X11-unix/X$display_num"

dunst -config /dev/null >"$KEYLEDGER_SESSION_ROOT/dunst.log" 2>&1 &
pids+=($!)
wait_for "dunst (org.freedesktop.Notifications)" 20 \
  dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
  org.freedesktop.DBus.GetNameOwner string:org.freedesktop.Notifications

# The command runs while the keyring is watched: whichever ends first decides.
"$@" <&0 &
command_pid=$!
while true; do
  wait -n "$command_pid" "$keyring_pid" && status=0 || status=$?
  if ! kill -0 "$command_pid" 2>/dev/null; then
    wait "$command_pid" && exit 0 || exit $?
  fi
  if ! kill -0 "$keyring_pid" 2>/dev/null; then
    echo "session: gnome-keyring died (exit $status; see keyring.log); stopping the tests" >&2
    tail -n 30 "$KEYLEDGER_SESSION_ROOT/keyring.log" >&2 || true
    kill -- "-$command_pid" 2>/dev/null || kill "$command_pid" 2>/dev/null || true
    wait "$command_pid" 2>/dev/null || true
    exit 1
  fi
done

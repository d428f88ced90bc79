# Helpers for the desk-screen tests that drive the real binary in tmux: source
# after lib.sh with $sock set to a tmux socket name of the test's own. The
# tmux server is killed on exit with the work folder.
T() { tmux -L "$sock" "$@"; }
cleanup_tmux() { T kill-server 2>/dev/null; }
trap 'cleanup_tmux; rm -rf "$WORK"' EXIT

screen() { T capture-pane -p -t desk; }
# wait_for NAME TEXT: passes when TEXT appears on screen within 5 s.
wait_for() {
	for _ in $(seq 50); do
		if screen | grep -qF -- "$2"; then pass "$1"; return 0; fi
		sleep 0.1
	done
	fail "$1" "screen never showed: $2" "$(screen | sed 's/^/      | /')"
	return 1
}
# never_shows NAME TEXT: TEXT is not on the screen (checked after the screen settled).
never_shows() {
	sleep 0.3
	if screen | grep -qF -- "$2"; then
		fail "$1" "screen showed: $2" "$(screen | sed 's/^/      | /')"
	else
		pass "$1"
	fi
}
# scan TEXT: sends literal text (as a USB scanner would), then Enter.
scan() { T send-keys -t desk -l "$1"; T send-keys -t desk Enter; }
key() { T send-keys -t desk "$@"; }

# clean-root.sh: sourced by scripts/bundle and scripts/package-test. A clean Debian 12
# root made with Debian's own tool: mmdebstrap --variant=minbase (the Essential and
# required packages plus apt, nothing else) from the configured archive, kept as a
# tarball in $FRONTDESK_ROOT_CACHE (default /var/cache/frontdesk-ci) and rebuilt
# when it is a week old, so a run usually costs only its extraction (a few seconds).
# Needs root (chroot); mmdebstrap needs the package archive once a week.

ROOT_CACHE=${FRONTDESK_ROOT_CACHE:-/var/cache/frontdesk-ci}
MINBASE_TAR=$ROOT_CACHE/bookworm-minbase.tar

# minbase_tar: makes sure $MINBASE_TAR exists and is fresh; prints what it does on stderr.
minbase_tar() {
	mkdir -p "$ROOT_CACHE"
	if [ -s "$MINBASE_TAR" ] && [ -z "$(find "$MINBASE_TAR" -mtime +6)" ]; then
		return 0
	fi
	echo "clean-root: making a Debian 12 minbase root with mmdebstrap (once a week)" >&2
	local mirror
	mirror=$(sed -n 's/^URIs: *\(http[^ ]*debian\)$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)
	nice mmdebstrap --quiet --variant=minbase --mode=root bookworm "$MINBASE_TAR.tmp" \
		"${mirror:-http://deb.debian.org/debian}" >&2 || { rm -f "$MINBASE_TAR.tmp"; return 1; }
	mv -f "$MINBASE_TAR.tmp" "$MINBASE_TAR"
}

# make_root DIR: DIR becomes a fresh copy of the minbase root.
make_root() {
	minbase_tar || return 1
	rm -rf "$1"
	mkdir -p "$1"
	tar -xf "$MINBASE_TAR" -C "$1"
}

# in_root DIR CMD...: runs CMD in the root DIR as root, with its own /proc and /dev/null
# (a private mount namespace, undone when it ends). With OFFLINE=1 it has no network
# either (a new, empty network namespace: not even the package archive).
in_root() {
	local dir=$1
	shift
	local net=""
	[ "${OFFLINE:-0}" = 1 ] && net="--net"
	# shellcheck disable=SC2016 # expanded by the inner shell
	unshare --mount $net --fork sh -c '
		root=$1; shift
		mount -t proc proc "$root/proc" && mount --bind /dev "$root/dev" &&
			exec chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
				LANG=C.UTF-8 TERM=dumb "$@"' sh "$dir" "$@"
}

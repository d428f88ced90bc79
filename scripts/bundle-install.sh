#!/bin/sh
# install.sh: installs frontdesk on a Debian 12 laptop from this folder only, with no
# network (written by scripts/bundle). Run it from the USB stick: sudo sh install.sh
# apt reads this folder as its only package source (Packages, made by the bundle),
# through a private sources list and list folder: the laptop's own apt configuration
# is neither used nor changed, and nothing is downloaded.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" -ne 0 ]; then
	exec sudo sh "$here/install.sh" "$@"
fi
cd "$here"
echo "frontdesk: checking the files on the stick (SHA256SUMS)"
if ! sha256sum -c --quiet SHA256SUMS; then
	echo "frontdesk: a file on the stick is damaged: copy the folder onto the stick again" >&2
	exit 1
fi
state=$(mktemp -d /tmp/frontdesk-install.XXXXXX)
trap 'rm -rf "$state"' EXIT
mkdir -p "$state/lists/partial"
echo "deb [trusted=yes] file:$here ./" >"$state/sources.list"
set -- -o Dir::Etc::SourceList="$state/sources.list" -o Dir::Etc::SourceParts=/nonexistent \
	-o Dir::State::Lists="$state/lists" -o APT::Install-Recommends=false -q
export DEBIAN_FRONTEND=noninteractive
apt-get "$@" update
echo "frontdesk: installing $(tr '\n' ' ' <install.list)from this folder (no network needed)"
# the folder is apt's only source, so nothing can come from the network (apt's
# --no-download would refuse even the folder's files: they are "fetched" by file:)
# shellcheck disable=SC2046 # one package name per line
apt-get "$@" install -y $(cat install.list)
echo "frontdesk: installed. Next: frontdesk doctor (checks printer, stick, fonts, terminal)"

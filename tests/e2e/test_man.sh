#!/bin/bash
# The manual pages and the bash completion against `frontdesk --help` (issue 19):
# both pages render with man -l; every command and every option the help lists
# appears in frontdesk(1), and every command in the completion. The check is
# also run on a help with one option more, which it must refuse: a test that
# cannot fail proves nothing.
source "$(dirname "$0")/lib.sh"

MANDIR=$(dirname "$FD")/../../doc
COMPLETION=$ROOT/completions/frontdesk

# render PAGE: the page as plain text (no bold, no hyphenation at line ends).
render() { MANWIDTH=400 man -l "$1" 2>"$WORK/man.err" | col -b; }

# help_commands HELP: the command words of the help's usage lines ("  frontdesk WORD ...").
help_commands() { sed -n 's/^  frontdesk \([a-z][a-z-]*\).*/\1/p' "$1" | sort -u; }
# help_options HELP: every --option the help names.
help_options() { grep -o -- '--[a-z][a-z-]*' "$1" | sort -u; }

# missing_from HELP TEXT: prints each command or option of HELP that TEXT lacks as a word.
missing_from() {
	local word
	for word in $(help_commands "$1") $(help_options "$1"); do
		grep -qE -- "(^|[^a-z-])$word([^a-z-]|$)" "$2" || echo "$word"
	done
}

for page in frontdesk.1 frontdesk-event.5; do
	if [ ! -f "$MANDIR/$page" ]; then
		fail "man page $page built" "no $MANDIR/$page: meson builds it from doc/$page.scd"
	elif render "$MANDIR/$page" >"$WORK/$page.txt" && grep -q '^NAME' "$WORK/$page.txt" &&
		[ ! -s "$WORK/man.err" ]; then
		pass "man -l renders $page"
	else
		fail "man -l renders $page" "$(cat "$WORK/man.err")"
	fi
done

"$FD" --help >"$WORK/help" 2>"$ERR"
n_commands=$(help_commands "$WORK/help" | wc -l)
n_options=$(help_options "$WORK/help" | wc -l)
if [ "$n_commands" -ge 19 ] && [ "$n_options" -ge 20 ]; then
	pass "the help lists $n_commands commands and $n_options options"
else
	fail "the help lists the commands and options" "commands $n_commands, options $n_options"
fi

missing=$(missing_from "$WORK/help" "$WORK/frontdesk.1.txt")
if [ -z "$missing" ]; then
	pass "every command and option of --help is in frontdesk(1)"
else
	fail "every command and option of --help is in frontdesk(1)" "missing:" $missing
fi

# the check itself: an option added to the help without the man page is caught
cp "$WORK/help" "$WORK/help+"
echo "  frontdesk import roster.csv --frobnicate-rows N" >>"$WORK/help+"
if [ "$(missing_from "$WORK/help+" "$WORK/frontdesk.1.txt")" = "--frobnicate-rows" ]; then
	pass "an option in --help but not in the man page fails the check"
else
	fail "an option in --help but not in the man page fails the check"
fi

# the completion offers every command of the help, and its own options exist in the help or man page
# shellcheck disable=SC1090
source "$COMPLETION"
complete_words() {
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_frontdesk
	printf '%s\n' "${COMPREPLY[@]}"
}
complete_words frontdesk "" >"$WORK/completion"
missing=""
for word in $(help_commands "$WORK/help"); do
	grep -qxF "$word" "$WORK/completion" || missing="$missing $word"
done
if [ -z "$missing" ]; then
	pass "the bash completion offers every command"
else
	fail "the bash completion offers every command" "missing:$missing"
fi
if complete_words frontdesk export --v | grep -qx -- '--verify' &&
	complete_words frontdesk badges --size "" | grep -qx a6; then
	pass "the bash completion offers a command's options and values"
else
	fail "the bash completion offers a command's options and values"
fi

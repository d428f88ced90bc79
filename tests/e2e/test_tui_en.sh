# The desk screen's languages (issue 5, item 6): every UI string is in the English
# catalogue (scripts/check-po), the build put it where the binary looks
# (<build>/po/en/LC_MESSAGES/frontdesk.mo), and in tmux the desk speaks English under
# LANG=en_US.UTF-8 (prompt, status line, keys, the green card, reason texts from the
# rules, help, refunds) and Chinese under LANG=zh_CN.UTF-8.
. "$(dirname "$0")/lib.sh"

db=$WORK/desk.db
demo_db "$db"
sock="frontdesk-e2e-en-$$"
. "$(dirname "$0")/tui_lib.sh"

# start_desk LANG: the desk at 80x24 under LANG, with nothing else choosing the language
# (LANGUAGE would override LANG for messages). The catalogue is found through the
# build tree's locale dir compiled into the binary.
start_desk() {
	T kill-session -t desk 2>/dev/null
	T new-session -d -s desk -x 80 -y 24 \
		"env -u LANGUAGE -u FRONTDESK_LOCALEDIR LANG=$1 LC_ALL= LC_MESSAGES= TERM=xterm-256color XDG_DATA_HOME=$XDG_DATA_HOME $FD --db $db --operator alice; sleep 5"
	T set-option -t desk window-size manual 2>/dev/null
}

# every _() string of src/tui and every run-time UI table is translated in po/en.po
if out=$("$ROOT/scripts/check-po" 2>&1); then
	pass "every UI string has an English translation (scripts/check-po)"
else
	fail "every UI string has an English translation (scripts/check-po)" "$out"
fi

build=$(cd "$(dirname "$FD")/../.." && pwd)
if [ -f "$build/po/en/LC_MESSAGES/frontdesk.mo" ]; then
	pass "the build put the English catalogue at po/en/LC_MESSAGES/frontdesk.mo"
else
	fail "the build put the English catalogue at po/en/LC_MESSAGES/frontdesk.mo" \
		"missing: $build/po/en/LC_MESSAGES/frontdesk.mo"
fi

have_locale() { locale -a 2>/dev/null | tr '[:upper:]' '[:lower:]' | grep -qx "$1"; }
for loc in en_us.utf8 zh_cn.utf8; do
	if have_locale "$loc"; then
		pass "the $loc locale is generated"
	else
		fail "the $loc locale is generated" "locale -a lacks it: run scripts/install-deps (as root)"
	fi
done

# English
start_desk en_US.UTF-8
wait_for "LANG=en_US.UTF-8: the prompt is in English" "Scan or type name/pinyin/phone:"
wait_for "LANG=en_US.UTF-8: the status line is in English" "Arrived 0/"
wait_for "LANG=en_US.UTF-8: the status line shows the desk and operator" "Desk A alice"
wait_for "LANG=en_US.UTF-8: the key hints are in English" "F10 quit"
never_shows "LANG=en_US.UTF-8: no Chinese prompt" "请扫码"

scan "$(ticket_code "$db" WH2026-0079)"
wait_for "a scanned code opens the green card, in English" "✓ OK to check in"
wait_for "the green card shows the name" "张伟"
wait_for "the green card says member in English" "male  member"
wait_for "the green card shows the money in English" "Fee 1500  Paid 1500"
wait_for "the green card shows the lodging in English" "Lodging: bed in a shared twin"
wait_for "the card's key hints are in English" "Enter check in"
key Enter
wait_for "Enter confirms, in English" "✓ Checked in"
wait_for "the room is shown in English" "bed 1, nights:"
wait_for "the items to hand over are introduced in English" "Hand over:"
wait_for "the action's message shows its English half" "checked in:"

# the reason texts come from src/core/rules.c and go through the catalogue at run time
scan "$(ticket_code "$db" WH2026-0079)"
wait_for "a double scan gives the rules' reason in English" "Already checked in"
wait_for "the earlier check-in is described in English" "desk A, alice"
key Escape
scan 1234567890123456789012
wait_for "a garbage scan says why in English" "Bad QR code"
key F3
wait_for "the refunds screen gives the refund reasons in English" "Paid twice"
key Escape
key F1
wait_for "the help screen is in English" "Three steps: scan"
never_shows "the help screen shows no catalogue header for its empty line" "Project-Id-Version"
key Escape
key F10
wait_for "the quit question is in English" "Quit the desk?"
key y
sleep 0.3

# Chinese: no catalogue needed, the message ids are the Chinese texts
start_desk zh_CN.UTF-8
wait_for "LANG=zh_CN.UTF-8: the Chinese prompt shows" "请扫码或输入姓名/拼音/手机号"
wait_for "LANG=zh_CN.UTF-8: the status line is in Chinese" "已签到 1/"
never_shows "LANG=zh_CN.UTF-8: no English prompt" "Scan or type"
key F10
key y

# start_cupsd [DIR [FILEDEVICE]]: starts a private cupsd as root on a unix socket
# DIR/cups.sock (default $WORK/cups; FileDevice Yes, so a queue may print to
# /dev/null and nothing lands in a shared folder) and exports CUPS_SERVER. DIR's
# parent must let cupsd's filters (user lp) through: the default's ($WORK) is
# opened up here. stop_cupsd ends it. Returns non-zero, with the log on stdout,
# when it does not answer.
CUPSD_PID=
start_cupsd() {
	local dir=${1:-$WORK/cups} file_device=${2:-Yes}
	[ -n "${1:-}" ] || chmod 711 "$WORK"
	mkdir -p "$dir/conf/ppd" "$dir/state" "$dir/cache" "$dir/log" "$dir/spool/tmp"
	chmod 711 "$dir"
	chown root:lp "$dir/spool" "$dir/spool/tmp"
	chmod 710 "$dir/spool"
	chmod 1770 "$dir/spool/tmp"
	cat >"$dir/conf/cups-files.conf" <<CONF
ServerRoot $dir/conf
StateDir $dir/state
CacheDir $dir/cache
RequestRoot $dir/spool
TempDir $dir/spool/tmp
ErrorLog $dir/log/error_log
AccessLog $dir/log/access_log
PageLog $dir/log/page_log
Printcap $dir/state/printcap
User lp
Group lp
SystemGroup root
FileDevice $file_device
CONF
	cat >"$dir/conf/cupsd.conf" <<CONF
LogLevel info
Listen $dir/cups.sock
Browsing No
WebInterface No
<Location />
  Order allow,deny
  Allow localhost
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
CONF
	run_cupsd "$dir"
}

# run_cupsd DIR: starts cupsd on the configuration start_cupsd wrote in DIR (perhaps changed
# since) and waits until it answers; returns non-zero, with the log on stdout, when it does not.
run_cupsd() {
	local dir=$1
	cupsd -f -c "$dir/conf/cupsd.conf" -s "$dir/conf/cups-files.conf" >"$dir/log/stdout" 2>&1 &
	CUPSD_PID=$!
	export CUPS_SERVER=$dir/cups.sock
	unset LPDEST PRINTER
	# lpstat -r exits 0 either way: only its words tell a running scheduler
	for _ in $(seq 50); do
		lpstat -r 2>/dev/null | grep -q 'scheduler is running' && return 0
		kill -0 "$CUPSD_PID" 2>/dev/null || break
		sleep 0.2
	done
	cat "$dir/log/stdout" "$dir/log/error_log" 2>/dev/null | tail -5
	return 1
}

# add_null_queue NAME: a raw queue printing to /dev/null, made the default (a few tries:
# a cupsd that has just answered may drop the next connection while it settles).
add_null_queue() {
	for _ in 1 2 3 4 5; do
		lpadmin -p "$1" -E -v file:///dev/null -m raw 2>/dev/null && lpadmin -d "$1" 2>/dev/null && return 0
		sleep 1
	done
	return 1
}

stop_cupsd() {
	if [ -n "$CUPSD_PID" ]; then
		kill "$CUPSD_PID" 2>/dev/null
		wait "$CUPSD_PID" 2>/dev/null
		CUPSD_PID=
	fi
}

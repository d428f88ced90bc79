/*
 * fuzz_import: libFuzzer target for CSV import (DESIGN section 6): any bytes
 * given to the roster, collective-transfer, rooms and sessions parsers must come back
 * as rows or as reported problems, never as a crash, a leak or undefined
 * behaviour. The encoding detection and the CSV tokenizer run underneath.
 */
#include <stddef.h>
#include <stdint.h>

#include "frontdesk/collective.h"
#include "frontdesk/event.h"
#include "frontdesk/programme.h"
#include "frontdesk/roomlist.h"
#include "frontdesk/roster.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char event_ini[] = "[event]\ncode = 2605\nname = fuzz\ncheckin_date = 2026-05-25\n"
                                "first_night = 2026-05-25\nlast_night = 2026-05-29\n"
                                "[fees]\nmember = 1500\nnon_member = 1700\n"
                                "[lodging]\nroom_night = 350\nbed_night = 175\n"
                                "[desk]\nid = A\nsupervisor_pin = 2468\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct event_config *cfg;
	struct diag_list errs = DIAG_LIST_INIT;
	const char *text = (const char *)data;

	if (cfg == NULL) {
		cfg = event_parse(event_ini, &errs);
		diag_list_clear(&errs);
	}
	roster_free(roster_parse(text, size, cfg, &errs));
	diag_list_clear(&errs);
	collective_free(collective_parse(text, size, &errs));
	diag_list_clear(&errs);
	roomlist_free(roomlist_parse(text, size, NULL, &errs));
	diag_list_clear(&errs);
	programme_free(programme_parse(text, size, &errs));
	diag_list_clear(&errs);
	return 0;
}

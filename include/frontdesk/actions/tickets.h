/*
 * actions/tickets (src/actions/tickets.c): everything the organisers send out
 * before the event: ticket QR pictures, a CSV for their mail tool, a PDF sheet.
 */
#ifndef FRONTDESK_ACTIONS_TICKETS_H
#define FRONTDESK_ACTIONS_TICKETS_H

#include "frontdesk/actions/desk.h"

struct tickets_result {
	int written;    /* tickets made: a PNG, a CSV row and a card each */
	int withdrawn;  /* withdrawn registrations skipped */
	char *dir;      /* the folder written */
	char *csv_path; /* DIR/tickets.csv: reg_no, name, phone, code, grouped code, file */
	char *pdf_path; /* DIR/tickets.pdf: the A4 sheet of cards */
};

/*
 * tickets: writes, for every registration not withdrawn (in reg_no order),
 * its ticket QR as DIR/<reg_no>.png (the name made safe for any file
 * system), a row of DIR/tickets.csv (UTF-8 with BOM) and a card of
 * DIR/tickets.pdf. out_dir NULL means "tickets"; it is created (0700) when
 * missing. Existing files of the same names are replaced. ACTION_FAILED with
 * a bilingual *cause (the caller frees it) on an I/O error. Release *out with
 * action_tickets_release.
 */
enum action_status action_tickets(struct desk *desk, const char *out_dir,
                                  struct tickets_result *out, char **cause);
void action_tickets_release(struct tickets_result *out);

#endif

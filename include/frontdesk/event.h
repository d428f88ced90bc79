/*
 * event: the event's configuration (event.ini, DESIGN section 2).
 *
 * The same keys live in the database's settings table ("section.key"), so a
 * desk copy of the database carries its event with it; event_set is the one
 * place a key is understood, for the INI file and for the database alike.
 */
#ifndef FRONTDESK_EVENT_H
#define FRONTDESK_EVENT_H

#include <stdbool.h>
#include <stddef.h>

#include "frontdesk/attendance.h"
#include "frontdesk/date.h"
#include "frontdesk/diag.h"
#include "frontdesk/rules.h"

struct event_config {
	char *code; /* 4 digits, the first part of every ticket code */
	char *name;
	long checkin_date; /* day numbers (date.h) */
	long first_night;
	long last_night;
	int capacity;
	struct fee_schedule fees;
	int room_night;
	int bed_night;
	char *primary_hotel; /* may be NULL: then the first hotel of rooms.csv */
	char *desk_id;
	char *printer; /* NULL: the CUPS default */
	char *camera;  /* NULL: no camera */
	/* event.ini's PIN; as setup_load_event gives it, the stored hash (setup.h) */
	char *supervisor_pin;
	char *items; /* comma-separated, e.g. 胸牌,资料袋 */
	char *contact_registration;
	char *contact_payment;
	char *contact_lodging;
	/* [lan] addresses: "A=tcp://192.168.1.11:22000 B=..." (syncthing_config.h), or NULL:
	 * the desks find each other by Syncthing's local discovery */
	char *lan_addresses;
	struct attend_settings sessions; /* [sessions]: the defaults unless given */
	unsigned long present; /* one bit per known key given to event_set, valid or not */
};

/* Returns a configuration with every field unset (free with event_free). */
struct event_config *event_new(void);
/* True when v is a valid desk id: 1-16 letters, digits, - or _. */
bool event_desk_id_valid(const char *v);

/* Frees cfg; NULL is a no-op. */
void event_free(struct event_config *cfg);

/*
 * Applies one key. Returns false and adds a bilingual problem to errs (at
 * line, 0 when unknown) when the key is unknown or its value is invalid.
 */
bool event_set(struct event_config *cfg, const char *section, const char *key, const char *value,
               int line, struct diag_list *errs);

/*
 * Parses an event.ini text into a new configuration and checks it is complete
 * and coherent (event_check). Returns NULL when errs received problems.
 */
struct event_config *event_parse(const char *ini_text, struct diag_list *errs);

/* Adds to errs every required key that is missing and every incoherence. Returns true when fine. */
bool event_check(const struct event_config *cfg, struct diag_list *errs);

/* Calls fn for every key that is set, as "section", "key", "value" strings (for storage). */
void event_each(const struct event_config *cfg,
                void (*fn)(void *ctx, const char *section, const char *key, const char *value),
                void *ctx);

/* Returns the number of nights of the event (first_night..last_night). */
int event_count_nights(const struct event_config *cfg);

#endif

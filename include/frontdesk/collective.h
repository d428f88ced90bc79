/*
 * collective: collective bank transfers (collective.csv, DESIGN section 2),
 * one organisation paying for several registrations at once.
 */
#ifndef FRONTDESK_COLLECTIVE_H
#define FRONTDESK_COLLECTIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "frontdesk/diag.h"
#include "frontdesk/roster.h"

struct collective_row {
	int line;
	char *organisation;
	int amount;
	char *reference; /* 凭证号, unique */
	bool confirmed;  /* 已到账; false: 待核实 */
	char **members;  /* reg_nos in listed order */
	size_t n_members;
};

struct collective_list {
	struct collective_row *rows;
	size_t n_rows;
};

/*
 * Parses the raw bytes of collective.csv. Returns the rows read (free with
 * collective_free) and adds every problem to errs; NULL when unreadable.
 * Members are separated by ';', '；', '、' or ','.
 */
struct collective_list *collective_parse(const char *raw, size_t len, struct diag_list *errs);

/* Frees a list; NULL is a no-op. */
void collective_free(struct collective_list *list);

#endif

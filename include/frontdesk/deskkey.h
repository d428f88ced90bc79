/*
 * deskkey: the text of a desk's private key file, which `frontdesk desks`
 * writes (one per desk) and `desk-id B --key FILE` reads (docs/merge.md):
 *
 *     # frontdesk desk key: ...            (comment lines start with #)
 *     frontdesk-desk-key 1
 *     event 2605
 *     desk B
 *     secret <128 hex digits: the Ed25519 secret key>
 *
 * Text, so a supervisor can see which desk a file is for; pure: the files
 * themselves are read and written by the actions.
 */
#ifndef FRONTDESK_DESKKEY_H
#define FRONTDESK_DESKKEY_H

#include <stdbool.h>

#include "frontdesk/chain.h"

struct deskkey {
	char *event;
	char *desk;
	unsigned char secret[CHAIN_SECRET_BYTES];
};

/* The file's text for desk of event (the caller frees it; it holds the secret). */
char *deskkey_format(const char *event, const char *desk,
                     const unsigned char secret[CHAIN_SECRET_BYTES]);

/*
 * Reads a key file's text into out. False with a bilingual *cause (the
 * caller's) when it is not a desk key file of this format. Release out with
 * deskkey_release, also after a failure: it wipes the secret.
 */
bool deskkey_parse(const char *text, struct deskkey *out, char **cause);
void deskkey_release(struct deskkey *k);

#endif

/*
 * entry_sign: a test-only signer (never installed), so the end-to-end tests
 * can write bundles a desk's key really signed: a forged entry that is well
 * signed must be refused for what it is (a gap, another desk's key), not for
 * its signature. It signs one entry with a desk key file, as the journal does
 * (core's chain.h), and prints the signature and the entry's hash, in hex.
 *
 *   entry_sign KEYFILE EVENT DESK SEQ AT OPERATOR ACTION SUBJECT DETAILS PREV
 *
 * A text argument is "=" followed by the text, or "null"; PREV is 64 hex digits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/chain.h"
#include "frontdesk/deskkey.h"
#include "frontdesk/xmalloc.h"

static const char *text_arg(const char *arg)
{
	return strcmp(arg, "null") == 0 ? NULL : arg + 1;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char buf[4097];
	size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;

	if (f != NULL) {
		fclose(f);
	}
	buf[n] = '\0';
	return xstrdup(buf);
}

int main(int argc, char **argv)
{
	struct deskkey key;
	char *cause = NULL;
	unsigned char prev[CHAIN_HASH_BYTES], sig[CHAIN_SIG_BYTES], hash[CHAIN_HASH_BYTES];

	if (argc != 11) {
		fputs("usage: entry_sign KEYFILE EVENT DESK SEQ AT OPERATOR ACTION SUBJECT DETAILS "
		      "PREV\n",
		      stderr);
		return 2;
	}
	char *text = slurp(argv[1]);
	if (!deskkey_parse(text, &key, &cause) || !chain_from_hex(argv[10], prev, sizeof(prev))) {
		fprintf(stderr, "entry_sign: %s\n", cause ? cause : "bad PREV");
		return 2;
	}
	struct chain_entry e = {text_arg(argv[2]), text_arg(argv[3]), strtol(argv[4], NULL, 10),
	                        text_arg(argv[5]), text_arg(argv[6]), text_arg(argv[7]),
	                        text_arg(argv[8]), text_arg(argv[9]), prev};
	chain_sign(&e, key.secret, sig);
	chain_hash(&e, hash);
	char *sig_hex = chain_to_hex(sig, sizeof(sig)),
	     *hash_hex = chain_to_hex(hash, sizeof(hash));
	printf("%s %s\n", sig_hex, hash_hex);
	free(sig_hex);
	free(hash_hex);
	free(text);
	deskkey_release(&key);
	return 0;
}

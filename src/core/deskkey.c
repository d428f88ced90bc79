/*
 * deskkey reads and writes the desk key file's few lines. Every line is
 * required and nothing else is accepted, so a file cut short or edited is
 * refused with what is wrong instead of installing half a key.
 */
#include "frontdesk/deskkey.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/strbuf.h"
#include "frontdesk/say.h"
#include "frontdesk/xmalloc.h"

#define MAGIC "frontdesk-desk-key 1"

char *deskkey_format(const char *event, const char *desk,
                     const unsigned char secret[CHAIN_SECRET_BYTES])
{
	char *hex = chain_to_hex(secret, CHAIN_SECRET_BYTES);
	char *text = xasprintf("# frontdesk 签到台私钥：请妥善保管，只装在 %s 台\n"
	                       "# frontdesk desk key: keep it secret, install it on desk %s only\n"
	                       "# frontdesk desk-id %s --key THIS_FILE\n" MAGIC
	                       "\nevent %s\ndesk %s\nsecret %s\n",
	                       desk, desk, desk, event, desk, hex);

	sodium_memzero(hex, strlen(hex));
	free(hex);
	return text;
}

/* The value of "name VALUE" on line, or NULL when the line is not that field. */
static const char *field(const char *line, const char *name)
{
	size_t n = strlen(name);

	if (strncmp(line, name, n) != 0 || line[n] != ' ' || line[n + 1] == '\0') {
		return NULL;
	}
	return line + n + 1;
}

static bool parse_line(const char *line, struct deskkey *out, int *magic, bool *secret)
{
	const char *v;

	if (strcmp(line, MAGIC) == 0) {
		(*magic)++;
	} else if ((v = field(line, "event")) != NULL && out->event == NULL) {
		out->event = xstrdup(v);
	} else if ((v = field(line, "desk")) != NULL && out->desk == NULL) {
		out->desk = xstrdup(v);
	} else if ((v = field(line, "secret")) != NULL && !*secret) {
		*secret = chain_from_hex(v, out->secret, CHAIN_SECRET_BYTES);
		return *secret;
	} else {
		return line[0] == '#' || line[0] == '\0';
	}
	return true;
}

bool deskkey_parse(const char *text, struct deskkey *out, char **cause)
{
	char *copy = xstrdup(text), *save = NULL;
	int magic = 0;
	bool secret = false, ok = true;

	memset(out, 0, sizeof(*out));
	for (char *line = strtok_r(copy, "\n", &save); ok && line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		line[strcspn(line, "\r")] = '\0';
		ok = parse_line(line, out, &magic, &secret);
	}
	sodium_memzero(copy, strlen(text));
	free(copy);
	if (!ok || magic != 1 || out->event == NULL || out->desk == NULL || !secret) {
		*cause = say_text("这不是 frontdesk 的签到台私钥文件，或已被改动");
		return false;
	}
	return true;
}

void deskkey_release(struct deskkey *k)
{
	free(k->event);
	free(k->desk);
	sodium_memzero(k, sizeof(*k));
}

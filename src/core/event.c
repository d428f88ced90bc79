/*
 * event owns the meaning of every event.ini key: its type, its limits and
 * whether it is required. One table drives parsing, checking and storing, so
 * a key added later is added in one line.
 */
#include "frontdesk/event.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "frontdesk/normalise.h"
#include "frontdesk/strbuf.h"
#include "frontdesk/say.h"
#include "frontdesk/text.h"
#include "frontdesk/xmalloc.h"

enum key_type {
	KEY_TEXT,    /* any single-line text */
	KEY_CODE4,   /* exactly four digits */
	KEY_DATE,    /* a date, stored as a day number */
	KEY_AMOUNT,  /* a positive whole number of yuan */
	KEY_PIN,     /* 4 to 8 digits */
	KEY_DESK_ID, /* 1 to 16 letters, digits, '-' or '_' */
	KEY_MINUTES, /* a whole number of minutes, 0 to 240 (a default when unset) */
	KEY_PERCENT, /* a whole percentage, 1 to 100 (a default when unset) */
	KEY_BOOL,    /* 是/否, yes/no, true/false, 1/0 (a default when unset) */
};

struct key_def {
	const char *section;
	const char *key;
	enum key_type type;
	size_t offset;
	bool required;
};

#define F(field) offsetof(struct event_config, field)

static const struct key_def keys[] = {
    {"event", "code", KEY_CODE4, F(code), true},
    {"event", "name", KEY_TEXT, F(name), true},
    {"event", "checkin_date", KEY_DATE, F(checkin_date), true},
    {"event", "first_night", KEY_DATE, F(first_night), true},
    {"event", "last_night", KEY_DATE, F(last_night), true},
    {"event", "capacity", KEY_AMOUNT, F(capacity), false},
    {"fees", "member", KEY_AMOUNT, F(fees.member), true},
    {"fees", "non_member", KEY_AMOUNT, F(fees.non_member), true},
    {"lodging", "room_night", KEY_AMOUNT, F(room_night), true},
    {"lodging", "bed_night", KEY_AMOUNT, F(bed_night), true},
    {"lodging", "primary_hotel", KEY_TEXT, F(primary_hotel), false},
    {"desk", "id", KEY_DESK_ID, F(desk_id), true},
    {"desk", "printer", KEY_TEXT, F(printer), false},
    {"desk", "camera", KEY_TEXT, F(camera), false},
    {"desk", "supervisor_pin", KEY_PIN, F(supervisor_pin), true},
    {"desk", "items", KEY_TEXT, F(items), false},
    {"contacts", "registration", KEY_TEXT, F(contact_registration), false},
    {"contacts", "payment", KEY_TEXT, F(contact_payment), false},
    {"contacts", "lodging", KEY_TEXT, F(contact_lodging), false},
    {"lan", "addresses", KEY_TEXT, F(lan_addresses), false},
    {"sessions", "late_grace", KEY_MINUTES, F(sessions.late_grace), false},
    {"sessions", "absent_percent", KEY_PERCENT, F(sessions.absent_percent), false},
    {"sessions", "excused_counts", KEY_BOOL, F(sessions.excused_counts), false},
    {"sessions", "open_before", KEY_MINUTES, F(sessions.open_before), false},
};

#define N_KEYS       (sizeof(keys) / sizeof(keys[0]))
#define UNSET_NUMBER (-1)

struct event_config *event_new(void)
{
	struct event_config *cfg = xcalloc(1, sizeof(*cfg));

	for (size_t i = 0; i < N_KEYS; i++) {
		char *base = (char *)cfg + keys[i].offset;
		if (keys[i].type == KEY_DATE) {
			*(long *)base = UNSET_NUMBER;
		} else if (keys[i].type == KEY_AMOUNT) {
			*(int *)base = UNSET_NUMBER;
		}
	}
	cfg->sessions = (struct attend_settings)ATTEND_SETTINGS_DEFAULT;
	return cfg;
}

static bool is_string_type(enum key_type t)
{
	return t == KEY_TEXT || t == KEY_CODE4 || t == KEY_PIN || t == KEY_DESK_ID;
}

void event_free(struct event_config *cfg)
{
	if (cfg == NULL) {
		return;
	}
	for (size_t i = 0; i < N_KEYS; i++) {
		if (is_string_type(keys[i].type)) {
			free(*(char **)((char *)cfg + keys[i].offset));
		}
	}
	free(cfg);
}

static const struct key_def *find_key(const char *section, const char *key)
{
	for (size_t i = 0; i < N_KEYS; i++) {
		if (strcasecmp(keys[i].section, section) == 0 &&
		    strcasecmp(keys[i].key, key) == 0) {
			return &keys[i];
		}
	}
	return NULL;
}

bool event_desk_id_valid(const char *v)
{
	size_t n = strlen(v);

	if (n == 0 || n > 16) {
		return false;
	}
	return strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == n;
}

/* Parses a positive whole number of at most 7 digits (no yuan amount is larger). */
static bool parse_amount(const char *v, int *out)
{
	size_t n = strlen(v);

	if (n == 0 || n > 7 || !text_is_digits(v)) {
		return false;
	}
	*out = (int)strtol(v, NULL, 10);
	return *out > 0;
}

/* Checks a string value of a text-like type; true when valid. */
static bool valid_text(enum key_type type, const char *value, const char **why)
{
	size_t n = strlen(value);

	switch (type) {
	case KEY_CODE4:
		*why = N_("应为 4 位数字");
		return n == 4 && text_is_digits(value);
	case KEY_PIN:
		*why = N_("应为 4 到 8 位数字");
		return n >= 4 && n <= 8 && text_is_digits(value);
	case KEY_DESK_ID:
		*why = N_("应为 1 到 16 个字母、数字、- 或 _");
		return event_desk_id_valid(value);
	default:
		return true;
	}
}

/* Reads a whole number from lo to hi (at most 4 digits). */
static bool parse_bounded(const char *v, int lo, int hi, int *out)
{
	size_t n = strlen(v);

	if (n == 0 || n > 4 || !text_is_digits(v)) {
		return false;
	}
	*out = (int)strtol(v, NULL, 10);
	return *out >= lo && *out <= hi;
}

static bool parse_bool(const char *v, bool *out)
{
	static const char *const yes[] = {"是", "yes", "true", "1"};
	static const char *const no[] = {"否", "no", "false", "0"};

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (strcasecmp(v, yes[i]) == 0 || strcasecmp(v, no[i]) == 0) {
			*out = strcasecmp(v, yes[i]) == 0;
			return true;
		}
	}
	return false;
}

/* The [sessions] numbers and yes/no; false with a reason when the value is not one. */
static bool store_setting(const struct key_def *def, char *base, const char *value,
                          const char **why)
{
	switch (def->type) {
	case KEY_MINUTES:
		*why = N_("应为 0 到 240 的分钟数");
		return parse_bounded(value, 0, 240, (int *)base);
	case KEY_PERCENT:
		*why = N_("应为 1 到 100 的百分数");
		return parse_bounded(value, 1, 100, (int *)base);
	default:
		*why = N_("应为 是 或 否");
		return parse_bool(value, (bool *)base);
	}
}

/* Stores a normalised value once it is known to be valid; returns false with a reason otherwise. */
static bool store_normalised(struct event_config *cfg, const struct key_def *def, const char *value,
                             const char **why)
{
	char *base = (char *)cfg + def->offset;
	long day;
	int amount;

	if (def->type == KEY_DATE) {
		*why = N_("日期应为 YYYY-MM-DD");
		if (!date_parse(value, &day)) {
			return false;
		}
		*(long *)base = day;
		return true;
	}
	if (def->type == KEY_MINUTES || def->type == KEY_PERCENT || def->type == KEY_BOOL) {
		int scratch[2];
		/* into scratch first: a refused value never replaces a good one */
		memcpy(scratch, base, def->type == KEY_BOOL ? sizeof(bool) : sizeof(int));
		if (!store_setting(def, (char *)scratch, value, why)) {
			return false;
		}
		memcpy(base, scratch, def->type == KEY_BOOL ? sizeof(bool) : sizeof(int));
		return true;
	}
	if (def->type == KEY_AMOUNT) {
		*why = N_("应为正整数");
		if (!parse_amount(value, &amount)) {
			return false;
		}
		*(int *)base = amount;
		return true;
	}
	if (!valid_text(def->type, value, why)) {
		return false;
	}
	free(*(char **)base);
	*(char **)base = value[0] ? xstrdup(value) : NULL;
	return true;
}

/*
 * Stores a value only once it is known to be valid, so a refused value never
 * replaces a good one; returns false with a reason otherwise. value is
 * normalised (normalise.h) after the control check: codes, dates, amounts,
 * the PIN and the desk id as keys (２４６８ is 2468), text as text.
 */
static bool store_value(struct event_config *cfg, const struct key_def *def, const char *raw,
                        const char **why)
{
	if (text_has_control(raw)) {
		*why = N_("含控制字符");
		return false;
	}
	char *value = normalise(raw, def->type == KEY_TEXT ? NORMALISE_TEXT : NORMALISE_KEY);
	bool ok = store_normalised(cfg, def, value, why);
	free(value);
	return ok;
}

bool event_set(struct event_config *cfg, const char *section, const char *key, const char *value,
               int line, struct diag_list *errs)
{
	const struct key_def *def = find_key(section, key);
	const char *why = "";

	if (def != NULL) {
		cfg->present |= 1UL << (def - keys);
	}
	if (def == NULL) {
		diag_say(errs, line, key, "未知的设置 [%s] %s，请检查拼写", section, key);
		return false;
	}
	if (!store_value(cfg, def, value, &why)) {
		char *said = say_text(why); /* why is a msgid */
		diag_add(errs, line, key, "[%s] %s = “%s”：%s", section, key, value, said);
		free(said);
		return false;
	}
	return true;
}

static bool key_is_set(const struct event_config *cfg, const struct key_def *def)
{
	const char *base = (const char *)cfg + def->offset;

	switch (def->type) {
	case KEY_DATE:
		return *(const long *)base != UNSET_NUMBER;
	case KEY_AMOUNT:
		return *(const int *)base != UNSET_NUMBER;
	case KEY_MINUTES:
	case KEY_PERCENT:
	case KEY_BOOL:
		/* these have defaults: stored only when event.ini gave them */
		return (cfg->present >> (def - keys)) & 1UL;
	default:
		return *(char *const *)base != NULL;
	}
}

bool event_check(const struct event_config *cfg, struct diag_list *errs)
{
	size_t before = errs->n;

	for (size_t i = 0; i < N_KEYS; i++) {
		/* a key present with a bad value was reported already, not as missing */
		bool present = (cfg->present >> i) & 1UL;
		if (keys[i].required && !key_is_set(cfg, &keys[i]) && !present) {
			diag_say(errs, 0, keys[i].key, "缺少设置 [%s] %s", keys[i].section,
			         keys[i].key);
		}
	}
	for (size_t i = 0; i < N_KEYS; i++) {
		if (keys[i].required && !key_is_set(cfg, &keys[i])) {
			return false;
		}
	}
	if (errs->n != before) {
		return false;
	}
	if (cfg->last_night < cfg->first_night) {
		diag_say(errs, 0, "last_night", "最后一晚早于第一晚");
	}
	if (cfg->bed_night >= cfg->room_night) {
		diag_say(errs, 0, "bed_night", "床位价应低于整间价");
	}
	if (cfg->fees.member > cfg->fees.non_member) {
		diag_say(errs, 0, "member", "会员费不应高于非会员费");
	}
	return errs->n == before;
}

/* Returns s[0..n) without surrounding spaces and tabs, as a new string. */
static char *trimmed(const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) {
		n--;
	}
	return xstrndup(s, n);
}

/* Returns the length of value before an inline comment (";" after a space or tab), as inih did. */
static size_t before_comment(const char *value, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		if (value[i] == ';' && (value[i - 1] == ' ' || value[i - 1] == '\t')) {
			return i;
		}
	}
	return n;
}

/*
 * Reads one line (without its '\n'): a comment, a [section], or key = value
 * (":" works too). Returns false when it is none of these.
 */
static bool parse_line(struct event_config *cfg, char **section, const char *line, size_t n,
                       int number, struct diag_list *errs)
{
	char *text = trimmed(line, n);
	size_t len = strlen(text);
	size_t eq = strcspn(text, "=:");
	bool ok = true;

	if (len == 0 || text[0] == ';' || text[0] == '#') {
		/* blank or a comment */
	} else if (text[0] == '[') {
		const char *close = strchr(text, ']');
		ok = close != NULL;
		if (ok) {
			free(*section);
			*section = trimmed(text + 1, (size_t)(close - text - 1));
			normalise_in_place(*section, NORMALISE_KEY);
		}
	} else if (eq < len && eq > 0) {
		char *key = trimmed(text, eq);
		char *value = trimmed(text + eq + 1, before_comment(text + eq + 1, len - eq - 1));
		normalise_in_place(key, NORMALISE_KEY);
		event_set(cfg, *section, key, value, number, errs);
		free(key);
		free(value);
	} else {
		ok = false;
	}
	free(text);
	return ok;
}

/*
 * Reads event.ini line by line. This replaces inih, whose lines stop at 200
 * bytes: a [contacts] line naming three people with their phones is longer
 * than that, and was refused as "not key = value". A leading UTF-8 BOM is
 * skipped; every problem names its line.
 */
struct event_config *event_parse(const char *ini_text, struct diag_list *errs)
{
	struct event_config *cfg = event_new();
	size_t before = errs->n;
	char *section = xstrdup("");
	const char *p = ini_text;
	int number = 0;

	if (strncmp(p, "\xEF\xBB\xBF", 3) == 0) {
		p += 3;
	}
	while (*p != '\0') {
		size_t n = strcspn(p, "\n");
		number++;
		if (!parse_line(cfg, &section, p, n, number, errs)) {
			diag_say(errs, number, NULL,
			         "第 %d 行格式不对（应为 key = value 或 [section]）", number);
		}
		p += n + (p[n] == '\n');
	}
	free(section);
	/* missing keys are worth knowing even when other lines are wrong too */
	event_check(cfg, errs);
	if (errs->n != before) {
		event_free(cfg);
		return NULL;
	}
	return cfg;
}

void event_each(const struct event_config *cfg,
                void (*fn)(void *ctx, const char *section, const char *key, const char *value),
                void *ctx)
{
	for (size_t i = 0; i < N_KEYS; i++) {
		const char *base = (const char *)cfg + keys[i].offset;
		char buf[DATE_ISO_LEN + 16];

		if (!key_is_set(cfg, &keys[i])) {
			continue;
		}
		if (keys[i].type == KEY_DATE) {
			date_format(*(const long *)base, buf);
			fn(ctx, keys[i].section, keys[i].key, buf);
		} else if (keys[i].type == KEY_AMOUNT || keys[i].type == KEY_MINUTES ||
		           keys[i].type == KEY_PERCENT) {
			snprintf(buf, sizeof(buf), "%d", *(const int *)base);
			fn(ctx, keys[i].section, keys[i].key, buf);
		} else if (keys[i].type == KEY_BOOL) {
			fn(ctx, keys[i].section, keys[i].key, *(const bool *)base ? "yes" : "no");
		} else {
			fn(ctx, keys[i].section, keys[i].key, *(char *const *)base);
		}
	}
}

int event_count_nights(const struct event_config *cfg)
{
	return (int)(cfg->last_night - cfg->first_night + 1);
}

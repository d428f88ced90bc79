/*
 * test_badge: the badge layout files (assets/badge/, one INI file a size) are read as
 * documented in badge.h: the shipped layouts load with their sizes, defaults
 * apply, and every mistake an organiser can make in a file (unknown key, bad
 * number, box off the badge, sheet too small) is refused with the file and
 * line rather than drawn wrongly. Also: layouts are found under asset roots,
 * a badge renders to a PDF with them, and bold is the regular face emboldened
 * (fonts.h: one CJK font for cairo to read whole, not two).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "frontdesk/badge.h"
#include "frontdesk/fonts.h"
#include "frontdesk/xmalloc.h"

#define CODE "2605000001340230345528"

/* A face with every required key; tests append to it or replace lines. */
static const char face[] = "[badge]\nwidth_mm = 90\nheight_mm = 120\n"
                           "[event]\nx_mm = 5\ny_mm = 5\nw_mm = 80\nh_mm = 10\nsize_max = 10\n"
                           "[name]\nx_mm = 5\ny_mm = 20\nw_mm = 80\nh_mm = 20\nsize_max = 30\n"
                           "size_min = 12\nlines = 2\nbold = yes\nalign = left\nvalign = top\n"
                           "[organisation]\nx_mm = 5\ny_mm = 42\nw_mm = 80\nh_mm = 12\n"
                           "size_max = 12\n"
                           "[position]\nx_mm = 5\ny_mm = 56\nw_mm = 80\nh_mm = 8\nsize_max = 10\n"
                           "[qr]\nx_mm = 25\ny_mm = 65\nsize_mm = 40\n"
                           "[code]\nx_mm = 5\ny_mm = 106\nw_mm = 80\nh_mm = 7\nsize_max = 10\n"
                           "font = Noto Sans Mono CJK SC\ngrey = 0.2\n";

static char dir[] = "/tmp/test_badge.XXXXXX";

static int make_dir(void **state)
{
	(void)state;
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int remove_dir(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	int rc = system(cmd);

	(void)state;
	free(cmd);
	return rc == 0 ? 0 : -1;
}

/* Writes text to dir/name and returns the path (the caller frees it). */
static char *put_file(const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

/* Loads text as a layout file; returns the cause of refusal, or NULL when it loaded. */
static char *refusal(const char *text)
{
	char *path = put_file("bad.ini", text);
	char *cause = NULL;
	struct badge_layout *l = badge_layout_load(path, &cause);

	free(path);
	if (l != NULL) {
		badge_layout_free(l);
		assert_null(cause);
	} else {
		assert_non_null(cause);
	}
	return cause;
}

static void the_shipped_layouts_load(void **state)
{
	const char *roots[] = {FRONTDESK_SOURCE_ASSETS};
	char *cause = NULL;
	(void)state;

	char *path = badge_layout_path(roots, 1, "default");
	struct badge_layout *l = badge_layout_load(path, &cause);
	assert_non_null(l);
	assert_true(l->width == 90 && l->height == 120);
	assert_true(l->paper_width == 90 && l->columns == 1 && l->rows == 1 && !l->cut_marks);
	assert_true(l->box[BADGE_NAME].bold && l->box[BADGE_NAME].size_max > 20);
	badge_layout_free(l);
	free(path);

	path = badge_layout_path(roots, 1, "a6");
	l = badge_layout_load(path, &cause);
	assert_non_null(l);
	assert_true(l->width == 105 && l->height == 148);
	badge_layout_free(l);
	free(path);

	path = badge_layout_path(roots, 1, "a4");
	l = badge_layout_load(path, &cause);
	assert_non_null(l);
	assert_true(l->paper_width == 210 && l->paper_height == 297);
	assert_true(l->columns == 2 && l->rows == 2 && l->cut_marks);
	assert_true(l->width == 90 && l->height == 120); /* the face of default.ini */
	badge_layout_free(l);
	free(path);
}

static void keys_and_defaults_are_read(void **state)
{
	char *path = put_file("face.ini", face);
	char *cause = NULL;
	struct badge_layout *l = badge_layout_load(path, &cause);
	(void)state;

	assert_non_null(l);
	const struct badge_box *name = &l->box[BADGE_NAME], *event = &l->box[BADGE_EVENT];
	assert_true(name->x == 5 && name->y == 20 && name->w == 80 && name->h == 20);
	assert_true(name->size_max == 30 && name->size_min == 12 && name->lines == 2);
	assert_true(name->align == BADGE_ALIGN_LEFT && name->valign == BADGE_VALIGN_TOP);
	/* defaults: centred, one line, a fixed size, black, the layout's font */
	assert_true(event->align == BADGE_ALIGN_CENTER && event->valign == BADGE_VALIGN_MIDDLE);
	assert_true(event->lines == 1 && event->size_min == event->size_max && !event->bold);
	assert_true(event->grey == 0 && event->font == NULL && l->font == NULL);
	assert_string_equal(l->box[BADGE_CODE].font, "Noto Sans Mono CJK SC");
	assert_true(l->box[BADGE_CODE].grey > 0.19 && l->box[BADGE_CODE].grey < 0.21);
	assert_true(l->qr_x == 25 && l->qr_y == 65 && l->qr_size == 40);
	badge_layout_free(l);
	free(path);
}

/* The face with one more line at its end: later keys override earlier ones. */
static char *face_plus(const char *extra)
{
	return xasprintf("%s%s", face, extra);
}

static void mistakes_are_refused_with_the_line(void **state)
{
	static const struct {
		const char *extra, *says;
	} cases[] = {
	    {"colour = red\n", "unknown key colour"},
	    {"size_max = big\n", "“big”"},
	    {"align = diagonal\n", "diagonal"},
	    {"lines = 0\n", "lines"},
	    {"lines = 1.5\n", "1.5"},
	    {"bold = perhaps\n", "perhaps"},
	    {"grey = 2\n", "grey"},
	    {"[qr]\nsize_mm = 60\n", "[qr]"},         /* leaves the badge */
	    {"[name]\nw_mm = 86\n", "[name] leaves"}, /* 5 + 86 > 90 */
	    {"[name]\nsize_min = 40\n", "size_min"},
	    {"[badge]\nmargin_mm = 3\n", "unknown key [badge] margin_mm"},
	    {"[footer]\nx_mm = 3\n", "unknown key [footer] x_mm"},
	};
	(void)state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *text = face_plus(cases[i].extra);
		char *cause = refusal(text);
		assert_non_null(cause);
		if (strstr(cause, cases[i].says) == NULL || strstr(cause, "bad.ini") == NULL) {
			fail_msg("case %zu: %s", i, cause);
		}
		free(cause);
		free(text);
	}
	/* the line of a bad value is named: face has 44 lines, the extra key is line 45 */
	char *text = face_plus("size_max = big\n");
	char *cause = refusal(text);
	assert_non_null(strstr(cause, "line 45"));
	free(cause);
	free(text);
}

static void missing_parts_are_refused(void **state)
{
	char *cause;
	(void)state;

	cause = refusal("[badge]\nwidth_mm = 90\nheight_mm = 120\n");
	assert_non_null(strstr(cause, "[event] needs"));
	free(cause);
	char *no_height = xstrdup(face);
	memcpy(strstr(no_height, "height_mm"), "; ", 2); /* comment the key out */
	cause = refusal(no_height);
	assert_non_null(strstr(cause, "height_mm"));
	free(cause);
	free(no_height);
	char *path = xasprintf("%s/nothing.ini", dir);
	assert_null(badge_layout_load(path, &cause));
	assert_non_null(strstr(cause, "cannot be read"));
	free(cause);
	free(path);
}

static void sheets_take_their_face_from_the_badge_file(void **state)
{
	char *face_path = put_file("face.ini", face);
	char *cause = NULL;
	(void)state;

	char *sheet = put_file("sheet.ini", "[sheet]\nbadge = face.ini\npaper_width_mm = 210\n"
	                                    "paper_height_mm = 297\ncolumns = 2\nrows = 2\n"
	                                    "cut_marks = yes\n");
	struct badge_layout *l = badge_layout_load(sheet, &cause);
	assert_non_null(l);
	assert_true(l->columns == 2 && l->rows == 2 && l->cut_marks && l->paper_height == 297);
	assert_true(l->box[BADGE_NAME].size_max == 30);
	badge_layout_free(l);
	free(sheet);

	cause = refusal("[sheet]\nbadge = face.ini\npaper_width_mm = 210\npaper_height_mm = 297\n"
	                "columns = 3\nrows = 2\n");
	assert_non_null(strstr(cause, "do not fit"));
	free(cause);
	cause = refusal("[sheet]\nbadge = missing.ini\npaper_width_mm = 210\n"
	                "paper_height_mm = 297\ncolumns = 1\nrows = 1\n");
	assert_non_null(strstr(cause, "missing.ini"));
	free(cause);
	cause = refusal("[sheet]\nbadge = face.ini\npaper_width_mm = 210\n");
	assert_non_null(strstr(cause, "[sheet] needs"));
	free(cause);
	free(face_path);
}

static void layouts_are_found_under_asset_roots(void **state)
{
	char *sub = xasprintf("%s/root", dir);
	char *badge_dir = xasprintf("%s/root/badge", dir);
	(void)state;

	assert_int_equal(mkdir(sub, 0700), 0);
	assert_int_equal(mkdir(badge_dir, 0700), 0);
	char *file = xasprintf("%s/a6.ini", badge_dir);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fclose(f);
	const char *roots[] = {NULL, "/nonexistent", sub};
	char *path = badge_layout_path(roots, 3, "a6");
	assert_non_null(path);
	assert_string_equal(path, file);
	free(path);
	assert_null(badge_layout_path(roots, 3, "a5"));
	assert_null(badge_layout_path(roots, 3, "../root/badge/a6"));
	assert_null(badge_layout_path(roots, 3, ""));
	free(file);
	free(badge_dir);
	free(sub);
}

static void a_badge_renders_to_pdf(void **state)
{
	char *layout = put_file("face.ini", face);
	char *pdf = xasprintf("%s/badge.pdf", dir);
	char *cause = NULL;
	struct badge_fields f = {"活动", "张𠮷祥", "安徽省图书馆", "研究馆员", CODE};
	char head[5] = {0};
	(void)state;

	assert_true(badge_render_file(layout, &f, pdf, &cause));
	FILE *in = fopen(pdf, "rb");
	assert_non_null(in);
	assert_int_equal(fread(head, 1, 4, in), 4);
	fclose(in);
	assert_string_equal(head, "%PDF");
	char *tmp = xasprintf("%s.tmp", pdf);
	assert_int_not_equal(access(tmp, F_OK), 0); /* renamed into place */
	free(tmp);
	char *bad = xasprintf("%s/no/such/dir/badge.pdf", dir);
	assert_false(badge_render_file(layout, &f, bad, &cause));
	assert_non_null(strstr(cause, "cannot write"));
	free(cause);
	cause = NULL;
	f.code = "not digits";
	assert_false(badge_render_file(layout, &f, pdf, &cause));
	assert_non_null(cause);
	free(cause);
	free(bad);
	free(pdf);
	free(layout);
}

/* What fontconfig gives pango for family at weight, as pango asks (pattern rules applied). */
static FcPattern *match_weight(const char *family, int weight)
{
	FcPattern *want = FcPatternCreate();
	FcResult result = FcResultNoMatch;

	FcPatternAddString(want, FC_FAMILY, (const FcChar8 *)family);
	FcPatternAddInteger(want, FC_WEIGHT, weight);
	FcConfigSubstitute(NULL, want, FcMatchPattern);
	FcDefaultSubstitute(want);
	FcPattern *got = FcFontMatch(NULL, want, &result);
	FcPatternDestroy(want);
	assert_non_null(got);
	return got;
}

/* Whether fontconfig gives family's bold from the regular face's file. */
static bool bold_from_the_regular_file(const char *family)
{
	FcChar8 *regular_file = NULL, *bold_file = NULL;
	FcPattern *regular = match_weight(family, FC_WEIGHT_REGULAR);
	FcPattern *bold = match_weight(family, FC_WEIGHT_BOLD);

	assert_int_equal(FcPatternGetString(regular, FC_FILE, 0, &regular_file), FcResultMatch);
	assert_int_equal(FcPatternGetString(bold, FC_FILE, 0, &bold_file), FcResultMatch);
	bool same = strcmp((const char *)bold_file, (const char *)regular_file) == 0;
	FcPatternDestroy(regular);
	FcPatternDestroy(bold);
	return same;
}

/*
 * The bold face of Noto CJK is another 20 MB file whose CFF table cairo would
 * copy whole. Runs first: any badge drawn sets the rule for the process.
 */
static void bold_is_the_regular_face_emboldened(void **state)
{
	FcBool embolden = FcFalse;
	(void)state;

	assert_false(bold_from_the_regular_file("Noto Sans CJK SC")); /* fonts-noto-cjk has both */
	fonts_bold_from_regular();
	fonts_bold_from_regular(); /* once is enough; twice changes nothing */
	assert_true(bold_from_the_regular_file("Noto Sans CJK SC"));
	FcPattern *regular = match_weight("Noto Sans CJK SC", FC_WEIGHT_REGULAR);
	FcPattern *bold = match_weight("Noto Sans CJK SC", FC_WEIGHT_BOLD);
	assert_int_equal(FcPatternGetBool(bold, FC_EMBOLDEN, 0, &embolden), FcResultMatch);
	assert_true(embolden);
	embolden = FcFalse;
	FcPatternGetBool(regular, FC_EMBOLDEN, 0, &embolden);
	assert_false(embolden);
	FcPatternDestroy(regular);
	FcPatternDestroy(bold);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(bold_is_the_regular_face_emboldened),
	    cmocka_unit_test(the_shipped_layouts_load),
	    cmocka_unit_test(keys_and_defaults_are_read),
	    cmocka_unit_test(mistakes_are_refused_with_the_line),
	    cmocka_unit_test(missing_parts_are_refused),
	    cmocka_unit_test(sheets_take_their_face_from_the_badge_file),
	    cmocka_unit_test(layouts_are_found_under_asset_roots),
	    cmocka_unit_test(a_badge_renders_to_pdf),
	};

	return cmocka_run_group_tests(tests, make_dir, remove_dir);
}

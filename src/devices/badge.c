/*
 * badge owns the badge PDF: reading the layout files of assets/badge/ and
 * setting each field in its box. Text goes through pango, never cairo's toy
 * text API, because names are Chinese, sometimes with characters outside the
 * BMP (𠮷) or with the middle dot of Uyghur and other transliterated names,
 * and pango shapes them and falls back per character where the font lacks a
 * glyph. Roster text is set as plain text, never as markup, so a name cannot
 * inject formatting. A badge that cannot fit is shrunk, never clipped: a
 * badge with half a name is worse than one with a small name.
 *
 * Sizes are absolute (pango "absolute size" = cairo user units = PDF points),
 * so the points in a layout file are the points on paper.
 */
#include "frontdesk/badge.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <ini.h>
#include <malloc.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "frontdesk/fonts.h"
#include "frontdesk/qr.h"
#include "frontdesk/say.h"
#include "frontdesk/text.h"
#include "frontdesk/ticket.h"
#include "frontdesk/xmalloc.h"
#include "pdfout.h"

#define MM_PT        (72.0 / 25.4)
#define DEFAULT_FONT "Noto Sans CJK SC"
#define SIZE_FLOOR   2.0 /* points: below this, text would be a smudge */
#define SIZE_STEP    0.5 /* points between size_max and size_min */
#define MARK_LEN     5.0 /* mm: cut marks, outside the badges */
#define MARK_GAP     1.5 /* mm between a badge's edge and its cut mark */
#define MAX_SIZE_PT  200.0
#define MAX_PAPER_MM 2000.0
#define CODE_GAP_EM  0.28 /* added to a space of the code: with the face's 0.22 em, half an em */

static const char *const field_names[BADGE_N_FIELDS] = {"event", "name", "organisation", "position",
                                                        "code"};

/* Keys each box must give: x_mm, y_mm, w_mm, h_mm, size_max. */
enum { NEED_X = 1, NEED_Y = 2, NEED_W = 4, NEED_H = 8, NEED_SIZE = 16, NEED_BOX = 31 };

struct parse {
	struct badge_layout *l;
	const char *path;
	char *why;         /* what was wrong on the line ini_parse reports */
	char *sheet_badge; /* [sheet] badge = FILE */
	unsigned have[BADGE_N_FIELDS];
	unsigned have_badge; /* 1 width, 2 height */
	unsigned have_qr;    /* 1 x, 2 y, 4 size */
	unsigned have_sheet; /* 1 paper width, 2 paper height, 4 columns, 8 rows */
	bool other_sections;
};

/* Parses a decimal number in lo..hi; false when value is anything else. */
static bool parse_number(const char *value, double lo, double hi, double *out)
{
	char *end = NULL;

	errno = 0;
	double v = strtod(value, &end);
	if (end == value || errno != 0 || !isfinite(v)) {
		return false;
	}
	while (*end == ' ' || *end == '\t') {
		end++;
	}
	if (*end != '\0' || v < lo || v > hi) {
		return false;
	}
	*out = v;
	return true;
}

static bool parse_int(const char *value, int lo, int hi, int *out)
{
	double v;

	if (!parse_number(value, lo, hi, &v) || v != floor(v)) {
		return false;
	}
	*out = (int)v;
	return true;
}

static bool parse_bool(const char *value, bool *out)
{
	if (strcasecmp(value, "yes") == 0 || strcasecmp(value, "true") == 0 ||
	    strcmp(value, "1") == 0) {
		*out = true;
		return true;
	}
	if (strcasecmp(value, "no") == 0 || strcasecmp(value, "false") == 0 ||
	    strcmp(value, "0") == 0) {
		*out = false;
		return true;
	}
	return false;
}

/* Looks value up in words (NULL-terminated); its index in *out. */
static bool parse_word(const char *value, const char *const *words, int *out)
{
	for (int i = 0; words[i] != NULL; i++) {
		if (strcasecmp(value, words[i]) == 0) {
			*out = i;
			return true;
		}
	}
	return false;
}

static char *bad_value(const char *key, const char *value)
{
	return say("%s 的值 “%s” 无效", key, value);
}

/* Text alignment and style keys of a box: see badge.h. */
static bool box_style_key(struct badge_box *b, const char *key, const char *value, bool *known)
{
	static const char *const aligns[] = {"left", "center", "right", NULL};
	static const char *const valigns[] = {"top", "middle", "bottom", NULL};
	int word;

	*known = true;
	if (strcmp(key, "align") == 0 && parse_word(value, aligns, &word)) {
		b->align = (enum badge_align)word;
	} else if (strcmp(key, "valign") == 0 && parse_word(value, valigns, &word)) {
		b->valign = (enum badge_valign)word;
	} else if (strcmp(key, "bold") == 0) {
		return parse_bool(value, &b->bold);
	} else if (strcmp(key, "grey") == 0) {
		return parse_number(value, 0, 1, &b->grey);
	} else if (strcmp(key, "lines") == 0) {
		return parse_int(value, 1, 20, &b->lines);
	} else if (strcmp(key, "font") == 0 && value[0] != '\0') {
		free(b->font);
		b->font = xstrdup(value);
	} else {
		*known = strcmp(key, "align") == 0 || strcmp(key, "valign") == 0 ||
		         strcmp(key, "font") == 0;
		return false;
	}
	return true;
}

/* One key of a text box section. */
static bool box_key(struct parse *p, int field, const char *key, const char *value)
{
	static const char *const dims[] = {"x_mm", "y_mm", "w_mm", "h_mm", "size_max", NULL};
	struct badge_box *b = &p->l->box[field];
	double *slots[] = {&b->x, &b->y, &b->w, &b->h, &b->size_max};
	bool known;
	int dim;

	if (parse_word(key, dims, &dim)) {
		double hi = dim == 4 ? MAX_SIZE_PT : MAX_PAPER_MM;
		if (!parse_number(value, dim == 4 ? SIZE_FLOOR : 0, hi, slots[dim])) {
			p->why = bad_value(key, value);
			return false;
		}
		p->have[field] |= 1u << dim;
		return true;
	}
	if (strcmp(key, "size_min") == 0) {
		if (!parse_number(value, SIZE_FLOOR, MAX_SIZE_PT, &b->size_min)) {
			p->why = bad_value(key, value);
			return false;
		}
		return true;
	}
	if (box_style_key(b, key, value, &known)) {
		return true;
	}
	p->why = known ? bad_value(key, value) : say("[%s] 中未知的键 %s", field_names[field], key);
	return false;
}

/* A key of [badge], [qr] or [sheet]; *known false when the section has no such key. */
static bool page_key(struct parse *p, const char *section, const char *key, const char *value,
                     bool *known)
{
	struct badge_layout *l = p->l;
	struct {
		const char *section, *key;
		double *slot;
		unsigned *have, bit;
	} keys[] = {
	    {"badge", "width_mm", &l->width, &p->have_badge, 1},
	    {"badge", "height_mm", &l->height, &p->have_badge, 2},
	    {"qr", "x_mm", &l->qr_x, &p->have_qr, 1},
	    {"qr", "y_mm", &l->qr_y, &p->have_qr, 2},
	    {"qr", "size_mm", &l->qr_size, &p->have_qr, 4},
	    {"sheet", "paper_width_mm", &l->paper_width, &p->have_sheet, 1},
	    {"sheet", "paper_height_mm", &l->paper_height, &p->have_sheet, 2},
	};

	*known = true;
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (strcmp(section, keys[i].section) == 0 && strcmp(key, keys[i].key) == 0) {
			*keys[i].have |= keys[i].bit;
			return parse_number(value, 0, MAX_PAPER_MM, keys[i].slot);
		}
	}
	if (strcmp(section, "badge") == 0 && strcmp(key, "font") == 0 && value[0] != '\0') {
		free(l->font);
		l->font = xstrdup(value);
		return true;
	}
	if (strcmp(section, "sheet") == 0 && strcmp(key, "badge") == 0 && value[0] != '\0') {
		free(p->sheet_badge);
		p->sheet_badge = xstrdup(value);
		return true;
	}
	if (strcmp(section, "sheet") == 0 && strcmp(key, "columns") == 0) {
		p->have_sheet |= 4;
		return parse_int(value, 1, 50, &l->columns);
	}
	if (strcmp(section, "sheet") == 0 && strcmp(key, "rows") == 0) {
		p->have_sheet |= 8;
		return parse_int(value, 1, 50, &l->rows);
	}
	if (strcmp(section, "sheet") == 0 && strcmp(key, "cut_marks") == 0) {
		return parse_bool(value, &l->cut_marks);
	}
	*known = false;
	return false;
}

static int on_key(void *user, const char *section, const char *key, const char *value)
{
	struct parse *p = user;
	bool known;

	for (int f = 0; f < BADGE_N_FIELDS; f++) {
		if (strcmp(section, field_names[f]) == 0) {
			p->other_sections = true;
			return box_key(p, f, key, value);
		}
	}
	p->other_sections = p->other_sections || strcmp(section, "sheet") != 0;
	if (page_key(p, section, key, value, &known)) {
		return 1;
	}
	p->why = known ? bad_value(key, value) : say("未知的键 [%s] %s", section, key);
	return 0;
}

static char *layout_error(const char *path, int line, const char *why)
{
	if (line > 0) {
		return say("版式文件 %s 第 %d 行：%s", path, line, why);
	}
	return say("版式文件 %s：%s", path, why);
}

static bool box_inside(const struct badge_layout *l, double x, double y, double w, double h)
{
	const double slack = 1e-6;

	return w > 0 && h > 0 && x + w <= l->width + slack && y + h <= l->height + slack;
}

/* What is missing or inconsistent in a badge face, or NULL. */
static char *check_face(const struct parse *p)
{
	const struct badge_layout *l = p->l;

	if (p->have_badge != 3 || l->width <= 0 || l->height <= 0) {
		return say("[badge] 需要 width_mm 和 height_mm");
	}
	for (int f = 0; f < BADGE_N_FIELDS; f++) {
		const struct badge_box *b = &l->box[f];
		const char *n = field_names[f];
		if (p->have[f] != NEED_BOX) {
			return say("[%s] 需要 x_mm、y_mm、w_mm、h_mm、size_max", n);
		}
		if (!box_inside(l, b->x, b->y, b->w, b->h)) {
			return say("[%s] 超出胸牌", n);
		}
		if (b->size_min > b->size_max) {
			return say("[%s] size_min 大于 size_max", n);
		}
	}
	if (p->have_qr != 7 || !box_inside(l, l->qr_x, l->qr_y, l->qr_size, l->qr_size)) {
		return say("[qr] 需要 x_mm、y_mm、size_mm 且在胸牌内");
	}
	return NULL;
}

static void layout_defaults(struct badge_layout *l)
{
	for (int f = 0; f < BADGE_N_FIELDS; f++) {
		l->box[f].lines = 1;
		l->box[f].align = BADGE_ALIGN_CENTER;
		l->box[f].valign = BADGE_VALIGN_MIDDLE;
		l->box[f].size_min = 0; /* unset: size_max */
	}
	l->columns = 1;
	l->rows = 1;
}

/* Reads one file into p; false with *cause. */
static bool read_file(struct parse *p, char **cause)
{
	int rc = ini_parse(p->path, on_key, p);

	if (rc != 0) {
		char *unread = rc < 0 ? say_text("无法读取") : NULL;
		*cause = layout_error(p->path, rc < 0 ? 0 : rc,
		                      unread   ? unread
		                      : p->why ? p->why
		                               : "?");
		free(unread);
		return false;
	}
	for (int f = 0; f < BADGE_N_FIELDS; f++) {
		if (p->l->box[f].size_min == 0) {
			p->l->box[f].size_min = p->l->box[f].size_max;
		}
	}
	return true;
}

/* The file named by [sheet] badge, relative to the sheet's folder. */
static char *sibling_path(const char *path, const char *name)
{
	const char *slash = strrchr(path, '/');

	if (name[0] == '/' || slash == NULL) {
		return xstrdup(name);
	}
	return xasprintf("%.*s/%s", (int)(slash - path), path, name);
}

/* A [sheet] file: the face from its badge file, the paper and grid from the sheet. */
static struct badge_layout *load_sheet(struct parse *sheet, char **cause)
{
	struct badge_layout *grid = sheet->l;
	char *face_path = sibling_path(sheet->path, sheet->sheet_badge);
	struct badge_layout *l = NULL;
	char *why = NULL;

	if (sheet->other_sections || sheet->have_sheet != 15) {
		why = say("[sheet] 需要 badge、paper_width_mm、paper_height_mm、columns、rows，"
		          "且不能有其他节");
	} else if ((l = badge_layout_load(face_path, cause)) == NULL) {
		free(face_path);
		return NULL;
	} else if (l->columns != 1 || l->rows != 1) {
		why = say("[sheet] badge 不能是另一张拼版");
	} else if (grid->columns * l->width > grid->paper_width + 1e-6 ||
	           grid->rows * l->height > grid->paper_height + 1e-6) {
		why = say("胸牌排不下这张纸");
	}
	free(face_path);
	if (why != NULL) {
		*cause = layout_error(sheet->path, 0, why);
		free(why);
		badge_layout_free(l);
		return NULL;
	}
	l->paper_width = grid->paper_width;
	l->paper_height = grid->paper_height;
	l->columns = grid->columns;
	l->rows = grid->rows;
	l->cut_marks = grid->cut_marks;
	return l;
}

struct badge_layout *badge_layout_load(const char *path, char **cause)
{
	struct parse p = {.l = xcalloc(1, sizeof(struct badge_layout)), .path = path};
	struct badge_layout *l = p.l;

	layout_defaults(p.l);
	if (!read_file(&p, cause)) {
		l = NULL;
	} else if (p.sheet_badge != NULL) {
		l = load_sheet(&p, cause);
	} else {
		char *why = check_face(&p);
		if (why != NULL) {
			*cause = layout_error(path, 0, why);
			free(why);
			l = NULL;
		} else {
			l->paper_width = l->width;
			l->paper_height = l->height;
			l->columns = l->rows = 1;
			l->cut_marks = false;
		}
	}
	if (l != p.l) {
		badge_layout_free(p.l);
	}
	free(p.why);
	free(p.sheet_badge);
	return l;
}

void badge_layout_free(struct badge_layout *l)
{
	if (l == NULL) {
		return;
	}
	for (int f = 0; f < BADGE_N_FIELDS; f++) {
		free(l->box[f].font);
	}
	free(l->font);
	free(l);
}

char *badge_layout_path(const char *const *roots, size_t n_roots, const char *size)
{
	size_t n = strlen(size);

	if (n == 0 || n > 32 || strspn(size, "abcdefghijklmnopqrstuvwxyz0123456789-_") != n) {
		return NULL;
	}
	for (size_t i = 0; i < n_roots; i++) {
		if (roots[i] == NULL || roots[i][0] == '\0') {
			continue;
		}
		char *path = xasprintf("%s/badge/%s.ini", roots[i], size);
		if (access(path, R_OK) == 0) {
			return path;
		}
		free(path);
	}
	return NULL;
}

/* ---- rendering ---- */

struct badge_sheet {
	const struct badge_layout *l;
	struct pdf_out pdf;
	cairo_t *cr; /* pdf.cr */
	int on_page; /* badges on the current page */
	int pages;
};

/*
 * Cairo's PDF backend copies the whole CFF table of the font (16 MiB for Noto
 * CJK) each time it writes a PDF's font subset. glibc's dynamic mmap threshold
 * then keeps the block in the heap once freed, so the next badge reuses it,
 * but the heap is left with holes: a one-badge process peaked at 56 or 68 MiB
 * from run to run. A fixed threshold sends blocks of a MiB or more straight
 * back to the system when freed, but costs a fresh 16 MiB mapping (about
 * 35 ms of page faults here) for every PDF.
 */
void badge_process_lean(void)
{
	mallopt(M_MMAP_THRESHOLD, 1 << 20);
}

struct badge_sheet *badge_sheet_new(const struct badge_layout *l, const char *path, char **cause)
{
	struct badge_sheet *s = xcalloc(1, sizeof(*s));

	fonts_bold_from_regular();
	s->l = l;
	if (!pdf_out_open(&s->pdf, path, l->paper_width * MM_PT, l->paper_height * MM_PT, cause)) {
		free(s);
		return NULL;
	}
	s->cr = s->pdf.cr;
	return s;
}

/* Where the text's top goes in a box of height h (Pango units) for valign. */
static int top_offset(enum badge_valign valign, int h, int text_h)
{
	int slack = text_h < h ? h - text_h : 0;

	return valign == BADGE_VALIGN_TOP ? 0 : valign == BADGE_VALIGN_MIDDLE ? slack / 2 : slack;
}

/*
 * Sets size, then says whether the laid-out text, ink included, lies wholly
 * inside the box of w x h Pango units, in at most b->lines lines.
 */
static bool fits_at(PangoLayout *layout, PangoFontDescription *desc, double size,
                    const struct badge_box *b, int w, int h)
{
	PangoRectangle ink, logical;

	pango_font_description_set_absolute_size(desc, size * PANGO_SCALE);
	pango_layout_set_font_description(layout, desc);
	pango_layout_get_extents(layout, &ink, &logical);
	int dy = top_offset(b->valign, h, logical.height);
	return pango_layout_get_line_count(layout) <= b->lines && logical.height <= h &&
	       logical.x >= 0 && logical.x + logical.width <= w && ink.x >= 0 &&
	       ink.x + ink.width <= w && dy + ink.y >= 0 && dy + ink.y + ink.height <= h;
}

/*
 * Finds the largest size from size_max down at which text fits its box: steps
 * of SIZE_STEP to size_min, then 10 % at a time down to SIZE_FLOOR. Returns the
 * size; the layout is left set at it.
 */
static double fit_size(PangoLayout *layout, PangoFontDescription *desc, const struct badge_box *b,
                       int w, int h)
{
	double size = b->size_max;

	while (!fits_at(layout, desc, size, b, w, h) && size > SIZE_FLOOR) {
		size = size - SIZE_STEP >= b->size_min ? size - SIZE_STEP : size * 0.9;
		if (size < SIZE_FLOOR) {
			size = SIZE_FLOOR;
		}
	}
	return size;
}

/*
 * The ticket code is set in the text face (a monospaced face would be one more
 * CJK font for cairo to read whole, fonts.h): tabular figures keep the digits
 * in columns, and each space between groups is widened to half an em, the
 * width it had in a monospaced face, so the groups still read apart.
 */
static PangoAttrList *code_attrs(const char *grouped, const struct badge_box *b)
{
	PangoAttrList *attrs = pango_attr_list_new();

	pango_attr_list_insert(attrs, pango_attr_font_features_new("tnum"));
	for (const char *sp = strchr(grouped, ' '); sp != NULL; sp = strchr(sp + 1, ' ')) {
		PangoAttribute *gap =
		    pango_attr_letter_spacing_new((int)(CODE_GAP_EM * b->size_max * PANGO_SCALE));
		gap->start_index = (guint)(sp - grouped);
		gap->end_index = gap->start_index + 1;
		pango_attr_list_insert(attrs, gap);
	}
	return attrs;
}

/*
 * Sets text in box b of the badge whose top-left corner is (ox, oy) points,
 * with attrs (may be NULL) over it.
 */
static void put_text(cairo_t *cr, const struct badge_layout *l, const struct badge_box *b,
                     const char *text, PangoAttrList *attrs, double ox, double oy)
{
	static const PangoAlignment aligns[] = {PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER,
	                                        PANGO_ALIGN_RIGHT};
	int w = (int)(b->w * MM_PT * PANGO_SCALE), h = (int)(b->h * MM_PT * PANGO_SCALE);
	PangoRectangle logical;

	if (text == NULL || text[0] == '\0') {
		return;
	}
	PangoLayout *layout = pango_cairo_create_layout(cr);
	PangoFontDescription *desc = pango_font_description_new();
	pango_font_description_set_family(desc, b->font   ? b->font
	                                        : l->font ? l->font
	                                                  : DEFAULT_FONT);
	pango_font_description_set_weight(desc, b->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_single_paragraph_mode(layout, TRUE);
	pango_layout_set_width(layout, w);
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_NONE);
	pango_layout_set_alignment(layout, aligns[b->align]);
	/* the output sanitiser (text.h): a control would print as a box, bad UTF-8 upsets pango */
	char *safe = text_sanitize(text);
	pango_layout_set_text(layout, safe, -1);
	pango_layout_set_attributes(layout, attrs);
	free(safe);
	fit_size(layout, desc, b, w, h);
	pango_layout_get_extents(layout, NULL, &logical);
	double dy = (double)top_offset(b->valign, h, logical.height) / PANGO_SCALE;
	cairo_set_source_rgb(cr, b->grey, b->grey, b->grey);
	cairo_move_to(cr, ox + b->x * MM_PT, oy + b->y * MM_PT + dy);
	pango_cairo_show_layout(cr, layout);
	pango_font_description_free(desc);
	g_object_unref(layout);
}

/* Short cut marks in the margin at every column and row edge of the grid. */
static void cut_marks(cairo_t *cr, const struct badge_layout *l, double gx, double gy)
{
	double bw = l->width * MM_PT, bh = l->height * MM_PT;
	double gw = l->columns * bw, gh = l->rows * bh;
	double gap = MARK_GAP * MM_PT, len = MARK_LEN * MM_PT;

	cairo_save(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 0.3);
	for (int c = 0; c <= l->columns; c++) {
		double x = gx + c * bw;
		cairo_move_to(cr, x, gy - gap);
		cairo_line_to(cr, x, gy - gap - len);
		cairo_move_to(cr, x, gy + gh + gap);
		cairo_line_to(cr, x, gy + gh + gap + len);
	}
	for (int r = 0; r <= l->rows; r++) {
		double y = gy + r * bh;
		cairo_move_to(cr, gx - gap, y);
		cairo_line_to(cr, gx - gap - len, y);
		cairo_move_to(cr, gx + gw + gap, y);
		cairo_line_to(cr, gx + gw + gap + len, y);
	}
	cairo_stroke(cr);
	cairo_restore(cr);
}

bool badge_sheet_add(struct badge_sheet *s, const struct badge_fields *f, char **cause)
{
	const struct badge_layout *l = s->l;
	const char *text[BADGE_N_FIELDS] = {f->event, f->name, f->organisation, f->position, NULL};
	char grouped[TICKET_GROUPED_LEN + 1];
	struct qr_matrix *m = qr_encode_numeric(f->code ? f->code : "", cause);

	if (m == NULL) {
		return false;
	}
	if (s->on_page == l->columns * l->rows) {
		cairo_show_page(s->cr);
		s->on_page = 0;
	}
	/* the grid is centred on the paper; a single badge is its own paper */
	double gx = (l->paper_width - l->columns * l->width) / 2 * MM_PT;
	double gy = (l->paper_height - l->rows * l->height) / 2 * MM_PT;
	if (s->on_page == 0) {
		s->pages++;
		if (l->cut_marks) {
			cut_marks(s->cr, l, gx, gy);
		}
	}
	double ox = gx + (s->on_page % l->columns) * l->width * MM_PT;
	double oy = gy + (double)(s->on_page / l->columns) * l->height * MM_PT;
	s->on_page++;
	ticket_group(f->code, grouped);
	text[BADGE_CODE] = grouped;
	qr_draw(m, s->cr, ox + l->qr_x * MM_PT, oy + l->qr_y * MM_PT, l->qr_size * MM_PT);
	PangoAttrList *code = code_attrs(grouped, &l->box[BADGE_CODE]);
	for (int i = 0; i < BADGE_N_FIELDS; i++) {
		put_text(s->cr, l, &l->box[i], text[i], i == BADGE_CODE ? code : NULL, ox, oy);
	}
	pango_attr_list_unref(code);
	qr_free(m);
	return true;
}

int badge_sheet_pages(const struct badge_sheet *s)
{
	return s->pages;
}

bool badge_sheet_finish(struct badge_sheet *s, char **cause)
{
	if (s == NULL) {
		return true;
	}
	bool ok = pdf_out_finish(&s->pdf, cause);
	free(s);
	return ok;
}

void badge_sheet_discard(struct badge_sheet *s)
{
	if (s == NULL) {
		return;
	}
	pdf_out_discard(&s->pdf);
	free(s);
}

bool badge_render_file(const char *layout_path, const struct badge_fields *f, const char *pdf_path,
                       char **cause)
{
	struct badge_layout *l = badge_layout_load(layout_path, cause);

	if (l == NULL) {
		return false;
	}
	struct badge_sheet *s = badge_sheet_new(l, pdf_path, cause);
	bool ok = s != NULL;
	if (ok && !badge_sheet_add(s, f, cause)) {
		badge_sheet_discard(s);
		ok = false;
	} else if (ok) {
		ok = badge_sheet_finish(s, cause);
	}
	badge_layout_free(l);
	return ok;
}

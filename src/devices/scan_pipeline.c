/*
 * scan_pipeline owns the choice of pictures zbar is run on for one camera
 * frame or one photo: the cheap passes first, the dear ones only when they
 * may pay, and a stop at the first pass whose code passes the ticket check.
 *
 *   1. half    the frame at half size (a quarter of the pixels): the fastest
 *              pass, and on webcam photos of phones the one that decodes most
 *              (averaging takes away noise, moire and blur)
 *   2. full    the frame as it is: small or dense codes need every pixel
 * For the camera zbar looks along every second line and column in these two
 * (half the time; the next frame comes 1/30 s later), for a picture along
 * every one.
 *   3. binarised  the half frame in black and white by a local threshold:
 *              a screen's grey-on-grey, glare or a shadow
 *   4. stretched  the full frame with its contrast stretched
 *   5. region  around where a code was last seen, or else where finder
 *              patterns were seen, cut out of the full frame and enlarged 2x
 * For the camera, passes 3-5 run only when a finder pattern was seen in this
 * frame, a code was seen in the last second or so, or every
 * PIPELINE_SWEEP_EVERY frames: a desk's camera mostly sees no code at all,
 * and then costs passes 1 and 2 and the finder search alone. A picture
 * (`frontdesk scan`) gets one chance, so it goes through every pass.
 *
 * The ticket check: a code that is a valid ticket (22 digits whose check
 * holds) or is no ticket at all (the organisers' platform code, mapped
 * through 外部码) ends the search. One shaped like a ticket whose check
 * fails is what a misread looks like, so the later passes are asked for a
 * better reading; when none comes it is returned all the same, and the desk
 * says BAD_CODE, as it does for a typo.
 * Why these passes and this order: docs/camera.md, measured on the photos
 * scripts/gen-phone-photos makes.
 */
#include "frontdesk/scan.h"

#include <stdlib.h>
#include <string.h>

#include "frontdesk/ticket.h"
#include "frontdesk/xmalloc.h"
#include "scan_private.h"

/* A camera without a code in view still tries the dear passes on one frame in this many. */
#define PIPELINE_SWEEP_EVERY 8
/* For this many frames (about a second) after a code was seen, its region is looked at. */
#define PIPELINE_REMEMBER_FRAMES 30
/* A finder pattern counts as seen when this many rows of the half frame crossed one. */
#define PIPELINE_FINDER_ROWS 4

struct scan_pipeline {
	enum scan_pipeline_mode mode;
	struct scan_decoder *fine;   /* every line and column */
	struct scan_decoder *coarse; /* every second one: the camera's half and full passes */
	unsigned long frame;         /* frames decoded so far */
	struct scan_rect last;       /* where a code was last seen (full-frame pixels) */
	unsigned long last_frame;    /* the frame it was seen in, counted from 1 */
	int last_pass;
};

/* What one frame's passes share: the frame and the pictures made from it, each made once. */
struct frame_work {
	const struct scan_image *frame;
	struct scan_image half, binarised;
	struct scan_rect finders; /* in half-frame pixels */
	int finder_rows;
};

enum code_grade {
	GRADE_NONE,    /* nothing decoded */
	GRADE_SUSPECT, /* shaped like a ticket but its check fails: perhaps a misread */
	GRADE_GOOD,    /* a valid ticket, or a code that is no ticket at all */
};

const char *scan_pass_name(int pass)
{
	static const char *const names[SCAN_PASSES] = {"half", "full", "binarised", "stretched",
	                                               "region"};

	return pass >= 0 && pass < SCAN_PASSES ? names[pass] : "none";
}

struct scan_pipeline *scan_pipeline_new(enum scan_pipeline_mode mode)
{
	struct scan_pipeline *p = xcalloc(1, sizeof(*p));

	p->mode = mode;
	p->fine = scan_decoder_new(false);
	p->coarse = mode == SCAN_PIPELINE_CAMERA ? scan_decoder_new(true) : NULL;
	p->last_pass = -1;
	return p;
}

void scan_pipeline_free(struct scan_pipeline *p)
{
	if (p == NULL) {
		return;
	}
	scan_decoder_free(p->fine);
	scan_decoder_free(p->coarse);
	free(p);
}

int scan_pipeline_last_pass(const struct scan_pipeline *p)
{
	return p->last_pass;
}

static enum code_grade grade(const struct scan_codes *codes)
{
	enum code_grade best = GRADE_NONE;

	for (size_t i = 0; i < codes->n; i++) {
		struct ticket t;
		const char *c = codes->codes[i];
		if (!ticket_looks_like_code(c) || ticket_parse(c, &t) == TICKET_OK) {
			return GRADE_GOOD;
		}
		best = GRADE_SUSPECT;
	}
	return best;
}

/* Turns r, in pixels of a picture cut out of the frame at (dx, dy) and shrunk by scale, into
 * frame pixels. */
static struct scan_rect to_frame(struct scan_rect r, double scale, int dx, int dy)
{
	return (struct scan_rect){dx + (int)(r.x * scale), dy + (int)(r.y * scale),
	                          (int)(r.w * scale + 1), (int)(r.h * scale + 1)};
}

/* True when a camera saw a code in the last second or so (pictures are unrelated to each other). */
static bool seen_lately(const struct scan_pipeline *p)
{
	return p->mode == SCAN_PIPELINE_CAMERA && p->last_frame > 0 &&
	       p->frame - p->last_frame < PIPELINE_REMEMBER_FRAMES;
}

/* The region pass's rectangle in frame pixels; empty when there is nothing to look around. */
static struct scan_rect region_of(const struct scan_pipeline *p, const struct frame_work *w)
{
	const struct scan_image *f = w->frame;

	if (seen_lately(p)) {
		return scan_rect_grow(p->last, 0.5, f->width, f->height);
	}
	if (w->finder_rows >= PIPELINE_FINDER_ROWS) {
		/* the crossings mark finder centres: the code reaches about its own size beyond */
		struct scan_rect r = to_frame(w->finders, 2.0, 0, 0);
		int min_side = f->height / 4;
		if (r.w < min_side) {
			r.x -= (min_side - r.w) / 2;
			r.w = min_side;
		}
		if (r.h < min_side) {
			r.y -= (min_side - r.h) / 2;
			r.h = min_side;
		}
		return scan_rect_grow(r, 0.5, f->width, f->height);
	}
	return (struct scan_rect){0, 0, 0, 0};
}

/* Runs pass on the frame's work; appends what it decoded to out and says where it was. */
static void run_pass(struct scan_pipeline *p, struct frame_work *w, int pass,
                     struct scan_codes *out, struct scan_rect *where)
{
	const struct scan_image *f = w->frame;
	struct scan_image made = {0};
	struct scan_rect r = {0, 0, 0, 0};

	*where = r;
	switch (pass) {
	case SCAN_PASS_HALF:
		scan_decode_located(p->coarse ? p->coarse : p->fine, &w->half, out, where);
		*where = to_frame(*where, 2.0, 0, 0);
		break;
	case SCAN_PASS_FULL:
		scan_decode_located(p->coarse ? p->coarse : p->fine, f, out, where);
		break;
	case SCAN_PASS_BINARISED:
		scan_decode_located(p->fine, &w->binarised, out, where);
		*where = to_frame(*where, 2.0, 0, 0);
		break;
	case SCAN_PASS_STRETCHED:
		scan_prep_stretch(f, &made);
		scan_decode_located(p->fine, &made, out, where);
		break;
	case SCAN_PASS_REGION:
		r = region_of(p, w);
		if (r.w > 0 && (long)r.w * r.h * 2 < (long)f->width * f->height) {
			scan_prep_crop(f, r, 2, &made);
			scan_decode_located(p->fine, &made, out, where);
			*where = to_frame(*where, 0.5, r.x, r.y);
		}
		break;
	}
	scan_image_release(&made);
}

/* True when the dear passes (3 to 5) are worth this frame. */
static bool worth_more(const struct scan_pipeline *p, const struct frame_work *w)
{
	if (p->mode != SCAN_PIPELINE_CAMERA) {
		return true;
	}
	return w->finder_rows >= PIPELINE_FINDER_ROWS || p->frame % PIPELINE_SWEEP_EVERY == 0 ||
	       seen_lately(p);
}

/* Keeps the best result so far in *best (taking found's codes) and says whether to stop. */
static bool keep_best(struct scan_codes *best, enum code_grade *best_grade, int *best_pass,
                      struct scan_codes *found, int pass)
{
	enum code_grade g = grade(found);

	if (g > *best_grade) {
		scan_codes_release(best);
		*best = *found;
		memset(found, 0, sizeof(*found));
		*best_grade = g;
		*best_pass = pass;
	}
	scan_codes_release(found);
	return *best_grade == GRADE_GOOD;
}

int scan_pipeline_decode(struct scan_pipeline *p, const struct scan_image *frame,
                         struct scan_codes *out)
{
	struct frame_work w = {.frame = frame};
	struct scan_codes best = {0};
	enum code_grade best_grade = GRADE_NONE;
	int best_pass = -1;

	p->frame++;
	scan_prep_half(frame, &w.half);
	for (int pass = 0; pass < SCAN_PASSES; pass++) {
		struct scan_codes found = {0};
		struct scan_rect where;
		if (pass == SCAN_PASS_BINARISED) {
			scan_prep_binarise(&w.half, &w.binarised);
			w.finder_rows = scan_prep_finders(&w.binarised, &w.finders);
			if (!worth_more(p, &w)) {
				break;
			}
		}
		run_pass(p, &w, pass, &found, &where);
		if (found.n > 0 && where.w > 0) {
			p->last = where;
			p->last_frame = p->frame;
		}
		if (keep_best(&best, &best_grade, &best_pass, &found, pass)) {
			break;
		}
	}
	scan_image_release(&w.half);
	scan_image_release(&w.binarised);
	for (size_t i = 0; i < best.n; i++) {
		out->codes = xreallocarray(out->codes, out->n + 1, sizeof(char *));
		out->codes[out->n++] = best.codes[i];
	}
	free(best.codes);
	p->last_pass = best_pass;
	return best_pass;
}

bool scan_file(const char *path, struct scan_codes *out, char **cause)
{
	struct scan_image img;

	memset(out, 0, sizeof(*out));
	if (!scan_image_load(path, &img, cause)) {
		return false;
	}
	struct scan_pipeline *p = scan_pipeline_new(SCAN_PIPELINE_PICTURE);
	scan_pipeline_decode(p, &img, out);
	scan_pipeline_free(p);
	scan_image_release(&img);
	return true;
}

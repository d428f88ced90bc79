/*
 * scan_jpeg owns reading JPEG pictures (every phone photo is one) through
 * libjpeg-turbo, straight to grayscale: the decoder then keeps only the luma
 * and skips the colour conversion, which is all zbar looks at.
 *
 * Why libjpeg's errors are caught with setjmp: its default handler prints and
 * calls exit(), which would take the desk down for one bad file. Here every
 * error, and the warning that the data ended early, jumps back to
 * scan_jpeg_read, which frees what was allocated and says why.
 * Why a cut-short file is refused although libjpeg would go on: it fills the
 * missing part with grey and calls that a warning; a photo cut short in a
 * transfer should be sent again, not half-read.
 * Why the limits: a header may claim a huge picture, and a progressive file
 * may hold thousands of tiny scans that each make the decoder go over the
 * whole picture; both are refused before they cost minutes or gigabytes.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h> /* JWRN_JPEG_EOF */

#include "frontdesk/say.h"
#include "frontdesk/xmalloc.h"
#include "scan_private.h"

/* Far above any real photo (a camera writes fewer than 20 scans). */
#define JPEG_MAX_SCANS 200
/* What libjpeg may hold besides the picture itself (a progressive file keeps every coefficient). */
#define JPEG_MAX_MEMORY (512L * 1024 * 1024)

struct jpeg_guard {
	struct jpeg_error_mgr errors;
	struct jpeg_progress_mgr progress;
	jmp_buf back;
	const char *why;  /* the msgid scan_jpeg_read returns */
	bool header_read; /* an early end after this is a cut-short file, before it garbage */
};

static struct jpeg_guard *guard_of(j_common_ptr cinfo)
{
	return (struct jpeg_guard *)(void *)cinfo->err;
}

static void on_error(j_common_ptr cinfo)
{
	struct jpeg_guard *g = guard_of(cinfo);

	g->why = N_("JPEG 图片已损坏，请重新传送或重拍");
	longjmp(g->back, 1);
}

/*
 * Warnings are kept quiet (they would land on the desk screen); the two that
 * mean the picture itself is incomplete refuse it. Others (stray bytes
 * between segments, which some cameras write) leave a whole picture.
 */
static void on_message(j_common_ptr cinfo, int level)
{
	struct jpeg_guard *g = guard_of(cinfo);

	if (level >= 0) {
		return;
	}
	if (cinfo->err->msg_code == JWRN_JPEG_EOF) {
		g->why = g->header_read ? N_("图片不完整（文件被截断），请重新传送")
		                        : N_("JPEG 图片已损坏，请重新传送或重拍");
		longjmp(g->back, 1);
	}
	/* the picture's data breaks off: libjpeg would paint the rest grey */
	if (cinfo->err->msg_code == JWRN_HIT_MARKER) {
		g->why = N_("JPEG 图片已损坏，请重新传送或重拍");
		longjmp(g->back, 1);
	}
}

static void on_progress(j_common_ptr cinfo)
{
	j_decompress_ptr d = (j_decompress_ptr)cinfo;

	if (d->input_scan_number > JPEG_MAX_SCANS) {
		struct jpeg_guard *g = guard_of(cinfo);
		g->why = N_("JPEG 图片的扫描段过多，不像照片");
		longjmp(g->back, 1);
	}
}

/* Decodes the rows of a started decompression into out->pixels. */
static void read_rows(struct jpeg_decompress_struct *d, struct scan_image *out)
{
	while (d->output_scanline < d->output_height) {
		JSAMPROW row = out->pixels + (size_t)d->output_scanline * (size_t)out->width;
		jpeg_read_scanlines(d, &row, 1);
	}
}

/*
 * The decoding itself, between the setjmp and the cleanup. Kept apart so that
 * nothing it changes after the setjmp is a local of the function that jumps
 * back (those would be indeterminate there).
 */
static void decode(struct jpeg_decompress_struct *d, struct jpeg_guard *g,
                   const unsigned char *data, size_t len, struct scan_image *out)
{
	jpeg_mem_src(d, data, (unsigned long)len);
	d->mem->max_memory_to_use = JPEG_MAX_MEMORY;
	jpeg_read_header(d, TRUE);
	g->header_read = true;
	if (!scan_size_ok((long)d->image_width, (long)d->image_height)) {
		g->why = N_("图片大于 1 亿像素");
		longjmp(g->back, 1);
	}
	d->out_color_space = JCS_GRAYSCALE;
	jpeg_start_decompress(d);
	if (d->output_components != 1) {
		on_error((j_common_ptr)d);
	}
	out->width = (int)d->output_width;
	out->height = (int)d->output_height;
	out->pixels = xmalloc((size_t)out->width * (size_t)out->height);
	read_rows(d, out);
	jpeg_finish_decompress(d);
}

const char *scan_jpeg_read(const unsigned char *data, size_t len, struct scan_image *out)
{
	struct jpeg_decompress_struct d;
	struct jpeg_guard g;

	memset(out, 0, sizeof(*out));
	memset(&d, 0, sizeof(d));
	memset(&g, 0, sizeof(g));
	d.err = jpeg_std_error(&g.errors);
	g.errors.error_exit = on_error;
	g.errors.emit_message = on_message;
	g.progress.progress_monitor = on_progress;
	if (setjmp(g.back) != 0) {
		jpeg_destroy_decompress(&d);
		scan_image_release(out);
		return g.why;
	}
	jpeg_create_decompress(&d);
	d.progress = &g.progress;
	decode(&d, &g, data, len, out);
	jpeg_destroy_decompress(&d);
	return NULL;
}

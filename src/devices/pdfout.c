/*
 * pdfout writes a PDF under a temporary name and renames it only once cairo
 * has finished it without error, so a full disk or a crash never leaves a
 * half sheet where the staff (or the printer) would take it for a whole one.
 */
#include "pdfout.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frontdesk/say.h"
#include "frontdesk/xmalloc.h"

static char *write_error(const char *path, const char *why)
{
	return say("无法写入 %s：%s", path, why);
}

static void release(struct pdf_out *out)
{
	free(out->path);
	free(out->tmp_path);
	memset(out, 0, sizeof(*out));
}

bool pdf_out_open(struct pdf_out *out, const char *path, double w_pt, double h_pt, char **cause)
{
	memset(out, 0, sizeof(*out));
	out->path = xstrdup(path);
	out->tmp_path = xasprintf("%s.tmp", path);
	out->surface = cairo_pdf_surface_create(out->tmp_path, w_pt, h_pt);
	cairo_status_t st = cairo_surface_status(out->surface);
	if (st != CAIRO_STATUS_SUCCESS) {
		*cause = write_error(path, cairo_status_to_string(st));
		cairo_surface_destroy(out->surface);
		release(out);
		return false;
	}
	cairo_pdf_surface_set_metadata(out->surface, CAIRO_PDF_METADATA_CREATOR, "frontdesk");
	out->cr = cairo_create(out->surface);
	return true;
}

bool pdf_out_finish(struct pdf_out *out, char **cause)
{
	cairo_destroy(out->cr);
	cairo_surface_finish(out->surface);
	cairo_status_t st = cairo_surface_status(out->surface);
	cairo_surface_destroy(out->surface);
	bool ok = st == CAIRO_STATUS_SUCCESS;
	if (!ok) {
		*cause = write_error(out->path, cairo_status_to_string(st));
	} else if (rename(out->tmp_path, out->path) != 0) {
		*cause = write_error(out->path, strerror(errno));
		ok = false;
	}
	if (!ok) {
		unlink(out->tmp_path);
	}
	release(out);
	return ok;
}

void pdf_out_discard(struct pdf_out *out)
{
	cairo_destroy(out->cr);
	cairo_surface_destroy(out->surface);
	unlink(out->tmp_path);
	release(out);
}

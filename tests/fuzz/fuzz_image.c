/*
 * fuzz_image: libFuzzer target for the picture readers (scan_image.c and
 * scan_jpeg.c: PNG through cairo, JPEG through libjpeg-turbo, PGM by hand),
 * which read whatever file or photo an attendee sends, and for the
 * preparations the decode pipeline makes of a picture (scan_prep.c). For any
 * bytes: no crash, no undefined behaviour, no leak; a picture is either
 * refused with a message and nothing kept, or has a size within the limits
 * and every one of its pixels readable; the preparations of an accepted
 * picture keep to their sizes. Run it with scripts/fuzz 60 fuzz_image.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "frontdesk/scan.h"
#include "scan_private.h"

/* The preparations are run on pictures up to this size (a larger one only costs time). */
#define FUZZ_PREP_MAX_PIXELS (256 * 256)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Not assert(): the check must hold in every build type. */
static void require(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz_image: %s\n", what);
		abort();
	}
}

/* Reads every pixel (ASan catches a buffer shorter than width x height). */
static unsigned long checksum(const struct scan_image *img)
{
	unsigned long sum = 0;

	for (size_t i = 0; i < (size_t)img->width * (size_t)img->height; i++) {
		sum += img->pixels[i];
	}
	return sum;
}

static void check_preparations(const struct scan_image *img)
{
	struct scan_image half, stretched, binary, cut;
	struct scan_rect around, r = {img->width / 4, img->height / 4, img->width, img->height};

	scan_prep_half(img, &half);
	require(half.width >= 1 && half.height >= 1, "half size");
	scan_prep_stretch(img, &stretched);
	require(stretched.width == img->width && stretched.height == img->height, "stretch size");
	scan_prep_binarise(&half, &binary);
	require(binary.width == half.width && binary.height == half.height, "binarised size");
	int rows = scan_prep_finders(&binary, &around);
	require(rows >= 0 && rows <= binary.height, "finder rows");
	scan_prep_crop(img, scan_rect_grow(r, 0.5, img->width, img->height), 2, &cut);
	require(cut.width >= 1 && cut.height >= 1, "cut size");
	checksum(&half);
	checksum(&stretched);
	checksum(&binary);
	checksum(&cut);
	scan_image_release(&half);
	scan_image_release(&stretched);
	scan_image_release(&binary);
	scan_image_release(&cut);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scan_image img;
	char *cause = NULL;

	if (!scan_image_read(data, size, "fuzz", &img, &cause)) {
		require(cause != NULL && img.pixels == NULL,
		        "a refusal says why and keeps nothing");
		free(cause);
		return 0;
	}
	require(scan_size_ok(img.width, img.height) && img.pixels != NULL, "an accepted size");
	if ((long)img.width * img.height <= FUZZ_PREP_MAX_PIXELS) {
		checksum(&img);
		check_preparations(&img);
	}
	scan_image_release(&img);
	return 0;
}

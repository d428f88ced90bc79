/*
 * scan: reading ticket codes from pictures with zbar (DESIGN section 3 and
 * section 5): a picture file (for `frontdesk scan` and for photos of codes),
 * any 8-bit grayscale frame, and the desk's camera running on its own thread.
 *
 * Only QR symbols are looked for: tickets and the organisers' platform codes
 * are QR, and leaving the 1-D symbologies off both halves the decode time of
 * a camera frame and stops stray barcodes (a book's EAN on the counter) from
 * reaching the desk.
 *
 * The camera: a frame source (a V4L2 device through zbar's video API, or a
 * folder of pictures played as frames, "dir:PATH") read on a thread of its
 * own, at a lower priority, which decodes only a device's newest frame,
 * through the decode pipeline, and writes every newly decoded code followed
 * by '\n' to a pipe the caller owns. The caller's loop (the desk screen's, which alone calls
 * curses) polls the pipe's read end together with the keyboard. Nothing here
 * ever calls curses, exits or raises a signal; every failure becomes a state
 * and a message the caller can show.
 */
#ifndef FRONTDESK_SCAN_H
#define FRONTDESK_SCAN_H

#include <stdbool.h>
#include <stddef.h>

/* Decoded texts longer than this are not ticket or platform codes and are dropped by the camera. */
#define SCAN_MAX_CODE 512
/* The camera reports the same code again only after it was out of sight this long. */
#define SCAN_REPEAT_MS 3000
/* A dir: source plays one picture this often, like a slow camera. */
#define SCAN_DIR_FRAME_MS 200

/* An 8-bit grayscale picture, one byte a pixel, rows packed (stride = width). */
struct scan_image {
	int width;
	int height;
	unsigned char *pixels; /* owned; free with scan_image_release */
};

/* The texts decoded from one picture, in zbar's order. */
struct scan_codes {
	char **codes; /* owned; each NUL-terminated */
	size_t n;
};

/*
 * Loads a PNG (any colour type; transparency is laid over white), a JPEG
 * (baseline or progressive, colour or grey: its luma) or a binary PGM (P5, 8
 * or 16 bits) file as grayscale, told apart by their first bytes. Refuses
 * anything else, damaged or cut-short files and pictures over 100
 * megapixels. Returns false with a bilingual *cause (the caller frees it).
 * Release *out with scan_image_release.
 */
bool scan_image_load(const char *path, struct scan_image *out, char **cause);
/* As scan_image_load for a picture already in memory (data borrowed); name is for the message. */
bool scan_image_read(const unsigned char *data, size_t len, const char *name,
                     struct scan_image *out, char **cause);
void scan_image_release(struct scan_image *img);

/* A zbar image scanner set up for QR only. Not thread-safe: one per thread. */
struct scan_decoder;

/*
 * Returns a new decoder; free with scan_decoder_free (NULL is a no-op).
 * video: scan every second line and column, which halves the time a camera
 * frame takes (the next frame, 1/30 s later, makes up for a rare miss);
 * otherwise every line, for a single picture that gets one chance.
 */
struct scan_decoder *scan_decoder_new(bool video);
void scan_decoder_free(struct scan_decoder *d);

/*
 * Decodes a grayscale frame (width * height bytes, borrowed) and appends
 * every text found to out (which must be zeroed or hold earlier results).
 * Returns how many texts were appended.
 */
size_t scan_decode_gray(struct scan_decoder *d, const unsigned char *pixels, int width, int height,
                        struct scan_codes *out);

/*
 * The decode pipeline (scan_pipeline.c, docs/camera.md): zbar run on a few
 * pictures made from one frame, cheapest first, stopping at the first code
 * that passes the ticket check (a valid ticket, or a code that is no ticket
 * at all). Not thread-safe: one per thread.
 */
enum scan_pass {
	SCAN_PASS_HALF,      /* the frame at half size */
	SCAN_PASS_FULL,      /* the frame as it is */
	SCAN_PASS_BINARISED, /* the half frame in black and white (local threshold) */
	SCAN_PASS_STRETCHED, /* the frame with its contrast stretched */
	SCAN_PASS_REGION,    /* around the last code or the finder patterns seen, enlarged 2x */
	SCAN_PASSES,
};

enum scan_pipeline_mode {
	SCAN_PIPELINE_CAMERA,  /* a stream: the dear passes only when they may pay */
	SCAN_PIPELINE_PICTURE, /* one chance: every pass until a code is found */
};

struct scan_pipeline;

/* Returns a new pipeline; free with scan_pipeline_free (NULL is a no-op). */
struct scan_pipeline *scan_pipeline_new(enum scan_pipeline_mode mode);
void scan_pipeline_free(struct scan_pipeline *p);

/*
 * Decodes one frame (borrowed) and appends the codes of the pass that found
 * them to out (zeroed, or holding earlier results). Returns that pass (an
 * enum scan_pass), or -1 when nothing was found.
 */
int scan_pipeline_decode(struct scan_pipeline *p, const struct scan_image *frame,
                         struct scan_codes *out);
/* The pass that decoded the last frame, or -1. */
int scan_pipeline_last_pass(const struct scan_pipeline *p);
/* A pass's short English name ("half", "full", ...; "none" for -1), for benches and tests. */
const char *scan_pass_name(int pass);

/*
 * Loads a picture file and decodes it through the pipeline (every pass).
 * Returns false with a bilingual *cause when the file cannot be read; true
 * with out->n == 0 when it holds no code. Release *out with
 * scan_codes_release.
 */
bool scan_file(const char *path, struct scan_codes *out, char **cause);

/*
 * For a sheet of codes (a page of tickets, scanned or photographed): every
 * distinct code on the picture, found on the whole picture and on
 * overlapping tiles of it, in reading order (top to bottom, then left to
 * right). Same returns as scan_file.
 */
bool scan_file_all(const char *path, struct scan_codes *out, char **cause);
void scan_codes_release(struct scan_codes *c);

/*
 * Repeat filter: the camera sees a held-up phone in every frame, but the desk
 * must get its code once. A code is accepted when it was not seen in the
 * last SCAN_REPEAT_MS; every sighting, accepted or not, restarts its window.
 * Keeps the last few distinct codes, so two tickets in view do not take turns.
 */
#define SCAN_DEDUPE_SLOTS 8
struct scan_dedupe {
	struct {
		char *code;
		long long seen_ms;
	} recent[SCAN_DEDUPE_SLOTS];
};

/* Returns true when code (seen at now_ms, a monotonic clock) is news. Zero *d before first use. */
bool scan_dedupe_accept(struct scan_dedupe *d, const char *code, long long now_ms);
/* Frees what *d holds; *d may be used again afterwards. */
void scan_dedupe_release(struct scan_dedupe *d);

/*
 * Frame sources. A spec is "dir:PATH" (a folder of PNG/PGM pictures played
 * in name order, one every SCAN_DIR_FRAME_MS, once: then the source ends) or
 * a V4L2 device path such as "/dev/video0". In a folder, files whose names
 * start with '.' are ignored, and a picture that cannot be read is skipped
 * (a camera drops frames too).
 */
struct scan_source;

enum scan_frame_status {
	SCAN_FRAME_OK,    /* *frame holds a picture, valid until the next call */
	SCAN_FRAME_NONE,  /* nothing yet (waited at most ~100 ms): ask again */
	SCAN_FRAME_END,   /* a dir: source played its last picture */
	SCAN_FRAME_ERROR, /* the device failed: *cause says how (the caller frees it) */
};

/* Opens the source named by spec. Returns NULL with a bilingual *cause (no camera, bad folder). */
struct scan_source *scan_source_open(const char *spec, char **cause);
/* Waits briefly for the next frame (grayscale). Never blocks for more than ~100 ms. */
enum scan_frame_status scan_source_next(struct scan_source *src, struct scan_image *frame,
                                        char **cause);
/* Closes the source; NULL is a no-op. */
void scan_source_close(struct scan_source *src);

enum scan_camera_state {
	SCAN_CAMERA_OFF,      /* not started, or stopped while running */
	SCAN_CAMERA_STARTING, /* the thread is opening the source */
	SCAN_CAMERA_RUNNING,  /* frames are being decoded */
	SCAN_CAMERA_ENDED,    /* a dir: source played all its pictures */
	SCAN_CAMERA_FAILED,   /* no camera, a bad folder, or the camera failed: see the message */
};

/*
 * Starts the camera thread on spec (see frame sources), writing each new code
 * and '\n' to pipe_write_fd, which stays the caller's (it is not closed) and
 * is made non-blocking: a code the reader has no room for is dropped rather
 * than stalling the camera. Codes with control characters or longer than
 * SCAN_MAX_CODE are dropped. Opening the device happens on the thread, so
 * this returns at once and a missing camera shows as SCAN_CAMERA_FAILED.
 * Returns false with a bilingual *cause (the caller frees it) only for an
 * empty spec, a descriptor that is not open, a camera already running, or a
 * thread that cannot start. One camera per process.
 */
bool scan_camera_start(const char *spec, int pipe_write_fd, char **cause);

/*
 * Stops the camera thread and waits for it (~100 ms; longer only while a
 * device is still being opened). Safe when not running. The state becomes
 * SCAN_CAMERA_OFF, except after a run that had ended or failed by itself,
 * whose state and message stay to say why. Call start and stop from one
 * thread (the desk's loop); only scan_camera_status may be called from any.
 */
void scan_camera_stop(void);

/*
 * Thread-safe: returns the camera's state and writes a short bilingual
 * message ("摄像头已开启 / camera on", why it failed, ...) into buf (n bytes,
 * NUL-terminated and cut between characters when n > 0; buf may be NULL
 * when n is 0).
 */
enum scan_camera_state scan_camera_status(char *buf, size_t n);

#endif

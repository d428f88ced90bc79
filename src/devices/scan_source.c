/*
 * scan_source owns the camera's frame sources behind one small interface
 * (next frame, close): a V4L2 device through zbar's video API, and a folder
 * of pictures played as frames. The folder exists because test machines and
 * the developers' laptops have no camera; with it the camera thread, the
 * repeat filter and the pipe to the desk screen run exactly as with a webcam.
 *
 * Why zbar_video and not zbar_processor: the processor brings its own
 * scanner and threads; the video object only hands over frames, which then go
 * through the same decoder and repeat filter as the folder's pictures.
 *
 * Why every wait is short (100 ms at most): the camera thread checks for a
 * stop request between frames, so quitting the desk never hangs on a camera
 * that stopped sending frames.
 * Why a device hands out only its newest frame: see newest_image. A folder
 * plays every picture, whatever the decoding takes: it stands for a test's
 * sequence of frames, each of which the test expects to be seen.
 */
#include "frontdesk/say.h"
#include "frontdesk/scan.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <zbar.h>

#include "frontdesk/strbuf.h"
#include "frontdesk/xmalloc.h"

#define SOURCE_MAX_WAIT_MS 100
#define SOURCE_DIR_PREFIX  "dir:"
#define SOURCE_FRAME_W     1280
#define SOURCE_FRAME_H     720

struct source_ops {
	enum scan_frame_status (*next)(struct scan_source *src, struct scan_image *frame,
	                               char **cause);
	void (*close)(struct scan_source *src);
};

struct scan_source {
	const struct source_ops *ops;
	struct scan_image frame; /* the frame last handed out */
	char *name;              /* the folder, or the device node */
	/* dir: */
	char **names;
	size_t n_names, next_name;
	long long due_ms;
	/* V4L2: */
	zbar_video_t *video;
};

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long long ms)
{
	struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
	}
}

static enum scan_frame_status dir_next(struct scan_source *src, struct scan_image *frame,
                                       char **cause)
{
	long long now = now_ms();

	if (src->next_name >= src->n_names) {
		return SCAN_FRAME_END;
	}
	if (now < src->due_ms) {
		long long wait = src->due_ms - now;
		sleep_ms(wait < SOURCE_MAX_WAIT_MS ? wait : SOURCE_MAX_WAIT_MS);
		if (now_ms() < src->due_ms) {
			return SCAN_FRAME_NONE;
		}
	}
	src->due_ms += SCAN_DIR_FRAME_MS;
	char *path = xasprintf("%s/%s", src->name, src->names[src->next_name++]);
	char *why = NULL;
	bool ok = scan_image_load(path, frame, &why);
	free(why); /* an unreadable picture is a dropped frame, as a camera drops them */
	free(path);
	return ok ? SCAN_FRAME_OK : SCAN_FRAME_NONE;
}

static void dir_close(struct scan_source *src)
{
	for (size_t i = 0; i < src->n_names; i++) {
		free(src->names[i]);
	}
	free(src->names);
	free(src->name);
}

static const struct source_ops dir_ops = {dir_next, dir_close};

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static struct scan_source *dir_open(const char *dir, char **cause)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL) {
		*cause = say("无法打开图片文件夹 %s：%s", dir, strerror(errno));
		return NULL;
	}
	struct scan_source *src = xcalloc(1, sizeof(*src));
	src->ops = &dir_ops;
	src->name = xstrdup(dir);
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.') {
			continue;
		}
		src->names = xreallocarray(src->names, src->n_names + 1, sizeof(char *));
		src->names[src->n_names++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (src->n_names == 0) {
		*cause = say("图片文件夹 %s 是空的", dir);
		dir_close(src);
		free(src);
		return NULL;
	}
	qsort(src->names, src->n_names, sizeof(char *), compare_names);
	src->due_ms = now_ms();
	return src;
}

/* zbar's message, on one line and without its "ERROR: zbar video in f():" preamble. */
static char *video_error(const char *device, zbar_video_t *video)
{
	const char *why = zbar_video_error_string(video, 0), *tail;
	struct strbuf sb = STRBUF_INIT;

	why = why ? why : "?";
	tail = strstr(why, "error: ");
	why = tail ? tail + strlen("error: ") : why;
	for (; *why; why++) {
		bool space = *why == '\n' || *why == ' ' || *why == '\t';
		if (!space || (sb.len > 0 && sb.data[sb.len - 1] != ' ')) {
			strbuf_putc(&sb, space ? ' ' : *why);
		}
	}
	while (sb.len > 0 && sb.data[sb.len - 1] == ' ') {
		sb.data[--sb.len] = '\0';
	}
	char *msg = say("摄像头 %s 出错：%s", device, strbuf_str(&sb));
	strbuf_release(&sb);
	return msg;
}

/*
 * Asks the node itself whether it captures video before zbar opens it: zbar
 * and libv4l2 print their own complaints about a wrong node on stderr, which
 * would land on the desk screen; this way a wrong path or a node that is no
 * camera gets a plain message and no noise.
 */
static bool is_capture_device(const char *device, char **cause)
{
	struct v4l2_capability cap;
	int fd = open(device, O_RDWR | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0) {
		*cause = say("没有摄像头 %s：%s；扫码枪仍可使用", device, strerror(errno));
		return false;
	}
	memset(&cap, 0, sizeof(cap));
	bool ok = ioctl(fd, VIDIOC_QUERYCAP, &cap) == 0;
	close(fd);
	uint32_t caps =
	    (cap.capabilities & V4L2_CAP_DEVICE_CAPS) ? cap.device_caps : cap.capabilities;
	if (!ok || !(caps & V4L2_CAP_VIDEO_CAPTURE)) {
		*cause = say("%s 不是摄像头；扫码枪仍可使用", device);
		return false;
	}
	return true;
}

/* Copies a zbar camera image into frame as 8-bit grayscale. */
static bool video_copy(const zbar_image_t *img, struct scan_image *frame)
{
	zbar_image_t *gray = zbar_image_convert(img, zbar_fourcc('Y', '8', '0', '0'));

	if (gray == NULL) {
		return false;
	}
	unsigned w = zbar_image_get_width(gray), h = zbar_image_get_height(gray);
	size_t n = (size_t)w * h;
	bool ok = w > 0 && h > 0 && zbar_image_get_data_length(gray) >= n;
	if (ok) {
		frame->width = (int)w;
		frame->height = (int)h;
		frame->pixels = xmalloc(n);
		memcpy(frame->pixels, zbar_image_get_data(gray), n);
	}
	zbar_image_destroy(gray);
	return ok;
}

/*
 * Returns the newest frame the driver holds, handing older ones straight back:
 * frames that queued up while the last one was decoded show the desk as it
 * was, and decoding them one by one would put the camera ever further behind.
 * img is the frame already taken; it is destroyed when a newer one is there.
 */
static zbar_image_t *newest_image(struct scan_source *src, int fd, zbar_image_t *img)
{
	struct pollfd p = {fd, POLLIN, 0};

	while (fd >= 0 && poll(&p, 1, 0) == 1 && (p.revents & POLLIN)) {
		zbar_image_t *newer = zbar_video_next_image(src->video);
		if (newer == NULL) {
			break; /* the next call reports the failure */
		}
		zbar_image_destroy(img);
		img = newer;
	}
	return img;
}

static enum scan_frame_status video_next(struct scan_source *src, struct scan_image *frame,
                                         char **cause)
{
	int fd = zbar_video_get_fd(src->video);

	if (fd >= 0) {
		struct pollfd p = {fd, POLLIN, 0};
		int r = poll(&p, 1, SOURCE_MAX_WAIT_MS);
		if (r == 0 || (r < 0 && errno == EINTR)) {
			return SCAN_FRAME_NONE;
		}
		/* POLLERR or POLLHUP (unplugged) go on: next_image then fails and says why */
		if (r < 0) {
			*cause = say("摄像头 %s 出错：%s", src->name, strerror(errno));
			return SCAN_FRAME_ERROR;
		}
	}
	zbar_image_t *img = zbar_video_next_image(src->video);
	if (img == NULL) {
		*cause = video_error(src->name, src->video);
		return SCAN_FRAME_ERROR;
	}
	img = newest_image(src, fd, img);
	bool ok = video_copy(img, frame);
	zbar_image_destroy(img); /* hands the buffer back to the driver */
	return ok ? SCAN_FRAME_OK : SCAN_FRAME_NONE;
}

static void video_close(struct scan_source *src)
{
	zbar_video_enable(src->video, 0);
	zbar_video_destroy(src->video);
	free(src->name);
}

static const struct source_ops video_ops = {video_next, video_close};

static struct scan_source *video_open(const char *device, char **cause)
{
	if (!is_capture_device(device, cause)) {
		return NULL;
	}
	struct scan_source *src = xcalloc(1, sizeof(*src));
	src->ops = &video_ops;
	src->name = xstrdup(device);
	src->video = zbar_video_create();
	if (src->video != NULL) {
		/* a wish, not a condition: the driver may give another size */
		zbar_video_request_size(src->video, SOURCE_FRAME_W, SOURCE_FRAME_H);
	}
	if (src->video == NULL || zbar_video_open(src->video, device) != 0 ||
	    zbar_negotiate_format(src->video, NULL) != 0 || zbar_video_enable(src->video, 1) != 0) {
		*cause = src->video ? video_error(device, src->video)
		                    : say("摄像头 %s 无法使用", device);
		if (src->video != NULL) {
			zbar_video_destroy(src->video);
		}
		free(src->name);
		free(src);
		return NULL;
	}
	return src;
}

struct scan_source *scan_source_open(const char *spec, char **cause)
{
	size_t plen = strlen(SOURCE_DIR_PREFIX);

	if (spec == NULL || spec[0] == '\0') {
		*cause = say("未指定摄像头");
		return NULL;
	}
	if (strncmp(spec, SOURCE_DIR_PREFIX, plen) == 0) {
		return dir_open(spec + plen, cause);
	}
	return video_open(spec, cause);
}

enum scan_frame_status scan_source_next(struct scan_source *src, struct scan_image *frame,
                                        char **cause)
{
	scan_image_release(&src->frame);
	enum scan_frame_status st = src->ops->next(src, &src->frame, cause);
	*frame = src->frame;
	return st;
}

void scan_source_close(struct scan_source *src)
{
	if (src == NULL) {
		return;
	}
	scan_image_release(&src->frame);
	src->ops->close(src);
	free(src);
}

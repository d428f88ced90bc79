/*
 * syncthing runs Syncthing for frontdesk (issue 17): it makes each desk's
 * identity when the database is prepared, installs one on its desk, writes
 * the config (syncthing_config.h) and starts and stops the child. Syncthing
 * authenticates the desks to each other (TLS with device IDs); frontdesk
 * still checks every entry it receives (actions/lan.c). Without the
 * syncthing program none of this happens and the desks still work alone (or
 * over any shared folder).
 */
#include "syncthing.h"
#include "desk_private.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <netinet/in.h>
#include <signal.h>
#include <sodium.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "frontdesk/lanlog.h"
#include "frontdesk/say.h"
#include "frontdesk/syncthing_config.h"
#include "frontdesk/xmalloc.h"

#define PROGRAM     "syncthing"
#define ID_MAX      128
#define FILE_MAX    (64 * 1024)
#define STOP_WAIT_S 5

extern char **environ;

struct syncthing_child {
	pid_t pid;
	char *gui_address;
	char *api_key;
};

/* Runs argv, its stdout into out (up to size - 1 bytes, NUL-ended); true when it exited 0. */
static bool run(char *const argv[], char *out, size_t size)
{
	int fds[2];
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int status = -1;

	if (pipe2(fds, O_CLOEXEC) != 0) {
		return false;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
	posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
	bool spawned = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ) == 0;
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	size_t got = 0;
	ssize_t r;
	while (spawned && (r = read(fds[0], out + got, size - 1 - got)) > 0) {
		got += (size_t)r;
	}
	out[got] = '\0';
	close(fds[0]);
	return spawned && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	       WEXITSTATUS(status) == 0;
}

bool syncthing_available(void)
{
	char out[256];
	char *argv[] = {PROGRAM, "--version", NULL};

	return run(argv, out, sizeof(out));
}

/* Copies from into a new file to (0600, never over an existing one). */
static bool copy_file(const char *from, const char *to, char **cause)
{
	char *buf = xmalloc(FILE_MAX);
	int in = open(from, O_RDONLY | O_CLOEXEC);
	ssize_t n = in >= 0 ? read(in, buf, FILE_MAX) : -1;
	int out = n > 0 ? open(to, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600) : -1;
	bool ok = out >= 0 && write(out, buf, (size_t)n) == n && fsync(out) == 0;

	if (!ok) {
		*cause = say("无法把 Syncthing 身份文件 %s 写到 %s：%s", from, to, strerror(errno));
	}
	if (in >= 0) {
		close(in);
	}
	if (out >= 0) {
		close(out);
	}
	sodium_memzero(buf, FILE_MAX);
	free(buf);
	return ok;
}

static char *identity_file(const char *dir, const char *desk, const char *part)
{
	return xasprintf("%s/desk-%s.syncthing-%s.pem", dir, desk, part);
}

/* One identity in a scratch home: its device ID, its cert and key copied beside the key file. */
static bool make_one(const char *keys_dir, const char *desk, char device[ID_MAX], char **cause)
{
	char home[] = "/tmp/frontdesk-syncthing-XXXXXX";
	char *argv_gen[] = {
	    PROGRAM, "generate", "--home", home, "--no-default-folder", "--skip-port-probing",
	    NULL};
	char *argv_id[] = {PROGRAM, "serve", "--home", home, "--device-id", NULL};
	char out[1024];

	if (mkdtemp(home) == NULL || !run(argv_gen, out, sizeof(out)) ||
	    !run(argv_id, device, ID_MAX)) {
		*cause = say("无法生成 %s 台的 Syncthing 身份（syncthing generate 失败）", desk);
		return false;
	}
	device[strcspn(device, "\r\n")] = '\0';
	bool ok = true;
	for (int i = 0; i < 2 && ok; i++) {
		const char *part = i == 0 ? "cert" : "key";
		char *from = xasprintf("%s/%s.pem", home, part);
		char *to = identity_file(keys_dir, desk, part);
		ok = copy_file(from, to, cause);
		free(from);
		free(to);
	}
	const char *names[] = {"cert.pem", "key.pem", "config.xml"};
	for (size_t i = 0; i < 3; i++) {
		char *path = xasprintf("%s/%s", home, names[i]);
		unlink(path);
		free(path);
	}
	rmdir(home);
	return ok;
}

bool syncthing_make_identities(struct desk *desk, const char *keys_dir, const char *const *ids,
                               size_t n, char **cause)
{
	if (!syncthing_available()) {
		return true; /* the desks can still share a folder, or carry sticks */
	}
	for (size_t i = 0; i < n; i++) {
		char device[ID_MAX];
		if (!make_one(keys_dir, ids[i], device, cause) ||
		    !lan_device_set(desk->db, ids[i], device, cause)) {
			syncthing_remove_identities(keys_dir, ids, n);
			return false;
		}
	}
	return true;
}

void syncthing_remove_identities(const char *keys_dir, const char *const *ids, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (int p = 0; p < 2; p++) {
			char *path = identity_file(keys_dir, ids[i], p == 0 ? "cert" : "key");
			unlink(path);
			free(path);
		}
	}
}

/* <database folder>/syncthing: Syncthing's private home on this desk. */
static char *home_of(struct desk *desk)
{
	char *copy = xstrdup(desk_database_path(desk));
	char *home = xasprintf("%s/syncthing", dirname(copy));

	free(copy);
	return home;
}

bool syncthing_install_identity(struct desk *desk, const char *key_path, const char *id,
                                char **cause)
{
	char *copy = xstrdup(key_path);
	char *dir = xstrdup(dirname(copy));
	char *home = home_of(desk);
	bool ok = true;

	free(copy);
	for (int i = 0; i < 2 && ok; i++) {
		const char *part = i == 0 ? "cert" : "key";
		char *from = identity_file(dir, id, part);
		char *to = xasprintf("%s/%s.pem", home, part);
		if (access(from, R_OK) == 0) {
			/* a desk installed again (desk-id C after B) takes the new identity */
			ok = (mkdir(home, 0700) == 0 || errno == EEXIST) && (unlink(to), true) &&
			     copy_file(from, to, cause);
		}
		free(from);
		free(to);
	}
	free(dir);
	free(home);
	return ok;
}

/* A free port on 127.0.0.1 for the GUI and API (the kernel's choice). */
static int free_port(void)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof(a);
	int port = -1;

	if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0 &&
	    getsockname(fd, (struct sockaddr *)&a, &len) == 0) {
		port = ntohs(a.sin_port);
	}
	if (fd >= 0) {
		close(fd);
	}
	return port;
}

/* Each folder with Syncthing's marker, so a receive-only folder is never "missing". */
static void make_folders(struct desk *desk, char **ids, size_t n)
{
	char *root = lanlog_root(desk->db);

	mkdir(root, 0700);
	for (size_t i = 0; i < n; i++) {
		char *name = lanlog_folder_name(desk->cfg->code, ids[i]);
		char *dir = xasprintf("%s/%s", root, name);
		char *marker = xasprintf("%s/.stfolder", dir);
		mkdir(dir, 0700);
		mkdir(marker, 0700);
		free(name);
		free(dir);
		free(marker);
	}
	free(root);
}

/* The whole config.xml for this desk, from the database and event.ini's [lan]. */
static char *config_text(struct desk *desk, char **ids, size_t n, const char *gui, const char *key,
                         char **cause)
{
	struct syncthing_desk *d = xcalloc(n, sizeof(*d));
	char *root = lanlog_root(desk->db), *xml = NULL;
	bool ok = true;

	for (size_t i = 0; i < n; i++) {
		d[i].id = ids[i];
		d[i].device = lan_device_of(desk->db, ids[i]);
		d[i].address = syncthing_address_of(desk->cfg->lan_addresses, ids[i]);
		ok = ok && d[i].device != NULL;
	}
	if (ok) {
		struct syncthing_setup s = {
		    desk->cfg->code, desk->cfg->desk_id, root, gui, key, d, n};
		xml = syncthing_config_xml(&s);
	} else {
		*cause = say(
		    "数据库里缺少某台的 Syncthing 设备号：请在准备好的数据库上重新运行 frontdesk desks（装好 syncthing 后）");
	}
	for (size_t i = 0; i < n; i++) {
		free((char *)d[i].device);
		free((char *)d[i].address);
	}
	free(d);
	free(root);
	return xml;
}

static bool write_config(const char *home, const char *xml, char **cause)
{
	char *path = xasprintf("%s/config.xml", home);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	bool ok = fd >= 0 && write(fd, xml, strlen(xml)) == (ssize_t)strlen(xml);

	if (fd >= 0) {
		close(fd);
	}
	if (!ok) {
		*cause = say("无法写入 Syncthing 配置 %s：%s", path, strerror(errno));
	}
	free(path);
	return ok;
}

/* Starts the child; it dies with this process (PR_SET_PDEATHSIG set between fork and exec). */
static pid_t spawn(const char *home)
{
	char *log = xasprintf("%s/syncthing.log", home);
	char *log_arg = xasprintf("--logfile=%s", log);
	pid_t pid = fork();

	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		int null = open("/dev/null", O_RDWR);
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		setenv("STNOUPGRADE", "1", 1);
		setenv("STNODEFAULTFOLDER", "1", 1);
		execlp(PROGRAM, PROGRAM, "serve", "--home", home, "--no-browser", "--no-restart",
		       "--no-upgrade", log_arg, (char *)NULL);
		_exit(127);
	}
	free(log);
	free(log_arg);
	return pid;
}

struct syncthing_child *syncthing_start(struct desk *desk, char **cause)
{
	char *home = home_of(desk), *cert = xasprintf("%s/cert.pem", home);
	bool ready = access(cert, R_OK) == 0 && syncthing_available();
	struct syncthing_child *c = NULL;
	size_t n = 0;
	char **ids = ready ? lan_desk_ids(desk->db, &n) : NULL;

	free(cert);
	int port = ready ? free_port() : -1;
	if (ready && port > 0) {
		unsigned char raw[16];
		char key[33];
		randombytes_buf(raw, sizeof(raw));
		sodium_bin2hex(key, sizeof(key), raw, sizeof(raw));
		char *gui = xasprintf("127.0.0.1:%d", port);
		char *xml = config_text(desk, ids, n, gui, key, cause);
		make_folders(desk, ids, n);
		pid_t pid = xml != NULL && write_config(home, xml, cause) ? spawn(home) : -1;
		if (pid > 0) {
			c = xcalloc(1, sizeof(*c));
			*c = (struct syncthing_child){pid, gui, xstrdup(key)};
		} else {
			free(gui);
		}
		free(xml);
	}
	for (size_t i = 0; i < n; i++) {
		free(ids[i]);
	}
	free(ids);
	free(home);
	return c;
}

void syncthing_stop(struct syncthing_child *c)
{
	if (c == NULL) {
		return;
	}
	kill(c->pid, SIGTERM);
	for (int i = 0; i < STOP_WAIT_S * 10; i++) {
		if (waitpid(c->pid, NULL, WNOHANG) == c->pid) {
			c->pid = -1;
			break;
		}
		struct timespec tenth = {0, 100000000};
		nanosleep(&tenth, NULL);
	}
	if (c->pid > 0) {
		kill(c->pid, SIGKILL);
		waitpid(c->pid, NULL, 0);
	}
	free(c->gui_address);
	free(c->api_key);
	free(c);
}

/*
 * progress: how long work (import, export, tickets, badges, merge) tells the
 * front end how far it is (issue 19). The work calls progress_report as it
 * goes; the front end that started it has set a sink with progress_set and
 * shows a line (the CLI on stderr when it is a terminal, the desk screen on
 * its message line). With no sink a report costs one test. The sink is
 * process-wide: one front end, one piece of long work at a time.
 *
 * progress_format is the line itself, the same for both front ends; it reads
 * no clock: the front end passes the elapsed time.
 */
#ifndef FRONTDESK_PROGRESS_H
#define FRONTDESK_PROGRESS_H

/*
 * what: a msgid naming the work ("导入"); done of total units (total 0:
 * unknown). progress_end calls it with done and total -1.
 */
typedef void (*progress_fn)(void *ctx, const char *what, long done, long total);

/* Sets the sink (NULL: none). */
void progress_set(progress_fn fn, void *ctx);
/* Reports that done of total units of what are done. */
void progress_report(const char *what, long done, long total);
/* Reports every 'every'-th unit only (and the last): for loops over many cheap units. */
void progress_tick(const char *what, long done, long total, long every);
/* The work ended (done or not): the front end takes its line away. */
void progress_end(const char *what);

/*
 * The progress line: "<what said> 45000/100000 45% · 18000/s · <left said> 0:03"
 * (the rate and the time left once elapsed_ms > 0 and done > 0). The caller frees it.
 */
char *progress_format(const char *what_said, const char *left_said, long done, long total,
                      long elapsed_ms);

#endif

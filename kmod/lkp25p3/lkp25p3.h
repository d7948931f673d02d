/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lkp25p3.h - what the files of lkp25p3.ko share: the module state (one
 * instance, "lkp", defined in lkp_proc.c) and the functions that one file
 * calls in another. Nothing is exported. Every .c file defines the same
 * pr_fmt before its first include, so every log line starts "lkp25p3: ".
 */
#ifndef LKP25P3_H
#define LKP25P3_H

#include <linux/mutex.h>
#include <linux/ratelimit.h>
#include <linux/types.h>

struct pid;
struct proc_dir_entry;
struct task_struct;

/*
 * The scanner. Configuration is written under lkp.lock before the thread is
 * woken and is read-only while it runs. report_ms / period_ms <= U16_MAX
 * (checked by the parser), so a counter never saturates. counts[] and the period_* fields
 * belong to the thread. The statistics are written by the thread and read
 * without a lock by /proc readers, hence READ_ONCE/WRITE_ONCE.
 */
struct lkp_scanner {
	struct task_struct *thread;	/* NULL when stopped; guarded by lkp.lock */
	struct pid *pid;		/* reference held while running */
	pid_t pid_nr;
	unsigned long addr;		/* page aligned */
	unsigned long len;		/* page aligned */
	unsigned long pages;
	u32 period_ms, report_ms, duration_s;

	u16 *counts;			/* per page: scans that found it young */
	char *line;			/* heat line buffer */
	u64 start_ns;
	u32 period_scans;
	u64 period_ns_sum, period_ns_max;

	u64 scans, reports, overruns, flushes;
	u64 last_scan_ns, max_scan_ns;
	unsigned long present, thp;	/* found by the last scan */
	unsigned long skipped;		/* hugetlb pages the last scan left */
	bool target_alive, finished;
};

/* All module state. */
struct lkp_state {
	struct mutex lock;		/* serializes commands, guards scan.thread */
	struct proc_dir_entry *proc;
	char *path;			/* d_path() buffer, PATH_MAX, under lock */
	struct ratelimit_state rs;	/* for rejection messages */
	struct lkp_scanner scan;
};

extern struct lkp_state lkp;

/* A parsed "scan start" command (lkp_proc.c) for lkp_scan_start_locked(). */
struct lkp_scan_args {
	int pid;
	unsigned long addr, len;
	unsigned int period_ms, report_ms, duration_s;
};

/* lkp_proc.c */
int lkp_reject(int err, const char *reason, const char *token);
char *lkp_next_token(char **cur);

/* lkp_xlate.c */
int lkp_xlate_line(char *line);

/* lkp_vma.c */
int lkp_vma_dump(void);

/* lkp_scan.c; both with lkp.lock held */
int lkp_scan_start_locked(const struct lkp_scan_args *a);
void lkp_scan_stop_locked(void);

#endif /* LKP25P3_H */

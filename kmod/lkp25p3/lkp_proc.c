// SPDX-License-Identifier: GPL-2.0
/*
 * lkp25p3 - /proc/lkp25p3 for the LKP page-table assignment:
 *   - hex VAs: translate in the writer's own address space, log PA and latency;
 *   - "0": dump every VMA of PID 1;
 *   - "scan start|stop": accessed-bit scanner kthread with periodic heat reports.
 * Every log line format is specified in README.md; the harness parses them.
 *
 * lkp_proc.c owns the module state, module init/exit and /proc/lkp25p3: the
 * write path (one command per line, dispatch, parsing of the scan commands,
 * rejections) and the status read. The commands run in lkp_xlate.c,
 * lkp_vma.c and lkp_scan.c.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/ctype.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/proc_fs.h>
#include <linux/ratelimit.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/stringify.h>
#include <linux/uaccess.h>

#include "lkp25p3.h"

#define LKP_MAX_WRITE		4096		/* larger writes: -E2BIG */
#define LKP_MAX_SCAN_LEN	(16UL << 30)	/* 4 Mi pages, 8 MiB of counters */
#define LKP_PERIOD_MS_MIN	10
#define LKP_PERIOD_MS_MAX	60000
#define LKP_REPORT_MS_MIN	100
#define LKP_REPORT_MS_MAX	3600000
/* The rule a rejected value broke, as the reject line's token. */
#define LKP_PERIOD_RULE		"period_ms:" __stringify(LKP_PERIOD_MS_MIN) \
				".." __stringify(LKP_PERIOD_MS_MAX)
#define LKP_REPORT_RULE		"report_ms:" __stringify(LKP_REPORT_MS_MIN) \
				".." __stringify(LKP_REPORT_MS_MAX)

/* The one instance of the module state (lkp25p3.h). */
struct lkp_state lkp;

/* At most one line per rejected write, rate limited; the token is escaped. */
int lkp_reject(int err, const char *reason, const char *token)
{
	if (__ratelimit(&lkp.rs))
		pr_warn("reject err=%d reason=%s token=%*pE\n", err, reason,
			(int)min_t(size_t, strlen(token), 32), token);
	return err;
}

char *lkp_next_token(char **cur)
{
	char *tok;

	do {
		tok = strsep(cur, " \t");
	} while (tok && !*tok);
	return tok;
}

/* ---- Scan commands ------------------------------------------------------ */

/*
 * len is decimal or 0x-hex. Base 0 would also read a leading 0 as octal
 * ("0100" as 64), which the format does not have.
 */
static int lkp_parse_len(const char *val, unsigned long *len)
{
	if (val[0] == '0' && (val[1] == 'x' || val[1] == 'X'))
		return kstrtoul(val, 16, len);
	return kstrtoul(val, 10, len);
}

static int lkp_parse_scan_start(char *cur, struct lkp_scan_args *a)
{
	bool have_pid = false, have_addr = false, have_len = false;
	char *tok, *val;
	int ret;

	a->period_ms = 100;
	a->report_ms = 1000;
	a->duration_s = 0;
	while ((tok = lkp_next_token(&cur))) {
		val = strchr(tok, '=');
		if (!val)
			return lkp_reject(-EINVAL, "not_key_value", tok);
		*val++ = '\0';
		if (!strcmp(tok, "pid")) {
			ret = kstrtoint(val, 10, &a->pid);
			have_pid = true;
		} else if (!strcmp(tok, "addr")) {
			ret = kstrtoul(val, 16, &a->addr);
			have_addr = true;
		} else if (!strcmp(tok, "len")) {
			ret = lkp_parse_len(val, &a->len);
			have_len = true;
		} else if (!strcmp(tok, "period_ms")) {
			ret = kstrtouint(val, 10, &a->period_ms);
		} else if (!strcmp(tok, "report_ms")) {
			ret = kstrtouint(val, 10, &a->report_ms);
		} else if (!strcmp(tok, "duration_s")) {
			ret = kstrtouint(val, 10, &a->duration_s);
		} else {
			return lkp_reject(-EINVAL, "unknown_key", tok);
		}
		if (ret)
			return lkp_reject(-EINVAL, "bad_value", val);
	}
	if (!have_pid || !have_addr || !have_len)
		return lkp_reject(-EINVAL, "missing_key", "scan start");
	if (a->pid <= 0)
		return lkp_reject(-EINVAL, "bad_pid", "pid");
	if (!a->len || a->len > LKP_MAX_SCAN_LEN)
		return lkp_reject(-EINVAL, "bad_len", "len");
	if (a->addr >= TASK_SIZE_MAX || a->len > TASK_SIZE_MAX - a->addr)
		return lkp_reject(-EINVAL, "kernel_address", "addr");
	/*
	 * Floors: every period can end in an all-CPU TLB flush IPI, every
	 * report can be ~200 KB of printk. The token states the rule broken.
	 */
	if (a->period_ms < LKP_PERIOD_MS_MIN || a->period_ms > LKP_PERIOD_MS_MAX)
		return lkp_reject(-EINVAL, "bad_period", LKP_PERIOD_RULE);
	if (a->report_ms < LKP_REPORT_MS_MIN || a->report_ms > LKP_REPORT_MS_MAX)
		return lkp_reject(-EINVAL, "bad_report", LKP_REPORT_RULE);
	if (a->report_ms < a->period_ms)
		return lkp_reject(-EINVAL, "bad_report", "report_ms:>=period_ms");
	/* A page's count is a u16: at most U16_MAX scans per report. */
	if (a->report_ms / a->period_ms > U16_MAX)
		return lkp_reject(-EINVAL, "bad_report",
				  "report_ms/period_ms:<=65535");
	if (a->duration_s > 864000)
		return lkp_reject(-EINVAL, "bad_duration", "duration_s");
	return 0;
}

static int lkp_scan_cmd(char *cur)
{
	struct lkp_scan_args a;
	char *verb = lkp_next_token(&cur);
	int ret;

	if (verb && !strcmp(verb, "stop")) {
		if (lkp_next_token(&cur))
			return lkp_reject(-EINVAL, "trailing_token", "stop");
		if (!lkp.scan.thread)
			return lkp_reject(-ESRCH, "scan_not_running", "stop");
		lkp_scan_stop_locked();
		return 0;
	}
	if (!verb || strcmp(verb, "start"))
		return lkp_reject(-EINVAL, "bad_scan_verb", verb ? verb : "");
	ret = lkp_parse_scan_start(cur, &a);
	if (ret)
		return ret;
	return lkp_scan_start_locked(&a);
}

/* ---- /proc/lkp25p3 ------------------------------------------------------ */

static int lkp_do_line(char *line)
{
	if (!strcmp(line, "0"))
		return lkp_vma_dump();
	if (str_has_prefix(line, "scan") && (!line[4] || isspace(line[4])))
		return lkp_scan_cmd(line + 4);
	return lkp_xlate_line(line);
}

static ssize_t lkp_proc_write(struct file *file, const char __user *ubuf,
			      size_t count, loff_t *ppos)
{
	unsigned int handled = 0;
	char *buf, *cur, *line;
	int ret = 0;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (!count)
		return -EINVAL;
	if (count > LKP_MAX_WRITE)
		return -E2BIG;
	buf = memdup_user_nul(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);

	if (mutex_lock_killable(&lkp.lock)) {
		ret = -EINTR;
		goto out_free;
	}
	cur = buf;
	while ((line = strsep(&cur, "\n"))) {
		line = strim(line);
		if (!*line)
			continue;
		handled++;
		ret = lkp_do_line(line);
		if (ret)
			break;
	}
	mutex_unlock(&lkp.lock);
	if (!ret && !handled)
		ret = -EINVAL;	/* empty or whitespace only */

out_free:
	kfree(buf);
	return ret ? ret : count;
}

static int lkp_proc_show(struct seq_file *m, void *v)
{
	struct lkp_scanner *s = &lkp.scan;

	mutex_lock(&lkp.lock);
	seq_printf(m, "running=%d\n", s->thread ? 1 : 0);
	seq_printf(m, "pid=%d\naddr=0x%lx\nlen=%lu\npages=%lu\n", s->pid_nr,
		   s->addr, s->len, s->pages);
	seq_printf(m, "period_ms=%u\nreport_ms=%u\nduration_s=%u\n",
		   s->period_ms, s->report_ms, s->duration_s);
	seq_printf(m, "scans=%llu\nreports=%llu\noverruns=%llu\nflushes=%llu\n",
		   READ_ONCE(s->scans), READ_ONCE(s->reports),
		   READ_ONCE(s->overruns), READ_ONCE(s->flushes));
	seq_printf(m, "last_scan_ns=%llu\nmax_scan_ns=%llu\n",
		   READ_ONCE(s->last_scan_ns), READ_ONCE(s->max_scan_ns));
	seq_printf(m, "present=%lu\nthp=%lu\nskipped=%lu\n",
		   READ_ONCE(s->present), READ_ONCE(s->thp),
		   READ_ONCE(s->skipped));
	seq_printf(m, "target_alive=%d\nfinished=%d\n",
		   READ_ONCE(s->target_alive) ? 1 : 0,
		   READ_ONCE(s->finished) ? 1 : 0);
	mutex_unlock(&lkp.lock);
	return 0;
}

static int lkp_proc_open(struct inode *inode, struct file *file)
{
	return single_open(file, lkp_proc_show, NULL);
}

static const struct proc_ops lkp_proc_ops = {
	.proc_open	= lkp_proc_open,
	.proc_read	= seq_read,
	.proc_lseek	= seq_lseek,
	.proc_release	= single_release,
	.proc_write	= lkp_proc_write,
};

static int __init lkp_init(void)
{
	int ret;

	mutex_init(&lkp.lock);
	ratelimit_state_init(&lkp.rs, DEFAULT_RATELIMIT_INTERVAL,
			     DEFAULT_RATELIMIT_BURST);
	lkp.path = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!lkp.path)
		return -ENOMEM;
	lkp.proc = proc_create("lkp25p3", 0600, NULL, &lkp_proc_ops);
	if (!lkp.proc) {
		ret = -ENOMEM;
		goto out_free_path;
	}
	pr_info("loaded\n");
	return 0;

out_free_path:
	kfree(lkp.path);
	return ret;
}

static void __exit lkp_exit(void)
{
	/* Waits for writers in flight, so nobody can start a scan after this. */
	proc_remove(lkp.proc);
	mutex_lock(&lkp.lock);
	if (lkp.scan.thread)
		lkp_scan_stop_locked();
	mutex_unlock(&lkp.lock);
	kfree(lkp.path);
	pr_info("unloaded\n");
}

module_init(lkp_init);
module_exit(lkp_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("VA->PA translation, VMA dump and accessed-bit scanner via /proc/lkp25p3");

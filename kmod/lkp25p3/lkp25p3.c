// SPDX-License-Identifier: GPL-2.0
/*
 * lkp25p3 - /proc/lkp25p3 for the LKP page-table assignment:
 *   - hex VAs: translate in the writer's own address space, log PA and latency;
 *   - "0": dump every VMA of PID 1;
 *   - "scan start|stop": accessed-bit scanner kthread with periodic heat reports.
 * Every log line format is specified in README.md; the harness parses them.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/ctype.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/hrtimer.h>
#include <linux/limits.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/pid.h>
#include <linux/proc_fs.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/task.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <asm/cpufeature.h>
#include <asm/invpcid.h>
#include <asm/processor-flags.h>
#include <asm/special_insns.h>

#include "ptwalk.h"

#define LKP_MAX_WRITE		4096		/* larger writes: -E2BIG */
#define LKP_MAX_SCAN_LEN	(16UL << 30)	/* 4 Mi pages, 8 MiB of counters */
#define LKP_HEAT_MAX_RUNS	16384		/* per report, see lkp_heat_gran() */
#define LKP_HEAT_PAYLOAD	700		/* rle= bytes per line: < 900 in all */
#define LKP_LINE_MAX		1024
#define LKP_TOKEN_MAX		48

/*
 * The scanner. Configuration is written under lkp.lock before the thread is
 * woken and is read-only while it runs. counts[] and the period_* fields
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
	bool target_alive, finished;
};

/* All module state. */
static struct lkp_state {
	struct mutex lock;		/* serializes commands, guards scan.thread */
	struct proc_dir_entry *proc;
	char *path;			/* d_path() buffer, PATH_MAX, under lock */
	struct ratelimit_state rs;	/* for rejection messages */
	struct lkp_scanner scan;
} lkp;

/* At most one line per rejected write, rate limited; the token is escaped. */
static int lkp_reject(int err, const char *reason, const char *token)
{
	if (__ratelimit(&lkp.rs))
		pr_warn("reject err=%d reason=%s token=%*pE\n", err, reason,
			(int)min_t(size_t, strlen(token), 32), token);
	return err;
}

static char *lkp_next_token(char **cur)
{
	char *tok;

	do {
		tok = strsep(cur, " \t");
	} while (tok && !*tok);
	return tok;
}

/* ---- VA translation in the writer's address space ---------------------- */

static int lkp_xlate_line(char *line)
{
	struct mm_struct *mm = current->mm;
	unsigned long *vas;
	unsigned int n = 0, i;
	char *cur = line, *tok;
	int ret = 0;

	if (!mm)
		return lkp_reject(-EINVAL, "no_mm", line);
	/* A token takes at least two bytes with its separator. */
	vas = kmalloc_array(strlen(line) / 2 + 1, sizeof(*vas), GFP_KERNEL);
	if (!vas)
		return -ENOMEM;

	/* Validate the whole line first so a bad token translates nothing. */
	while ((tok = lkp_next_token(&cur))) {
		ret = kstrtoul(tok, 16, &vas[n]);
		if (ret) {
			ret = lkp_reject(-EINVAL, ret == -ERANGE ? "overflow" :
					 "not_hex", tok);
			goto out_free;
		}
		if (vas[n] >= TASK_SIZE_MAX) {
			ret = lkp_reject(-EINVAL, "kernel_address", tok);
			goto out_free;
		}
		n++;
	}

	mmap_read_lock(mm);
	for (i = 0; i < n; i++) {
		unsigned long va = vas[i];
		struct vm_area_struct *vma = find_vma(mm, va);
		struct ptw_result r;
		u64 t0, lat = 0;

		if (vma && va >= vma->vm_start) {
			t0 = ktime_get_ns();
			ptw_translate(mm, va, &r);
			lat = ktime_get_ns() - t0;
		} else {
			memset(&r, 0, sizeof(r));
			r.level = PTW_NONE;
			r.err = "no_vma";
		}
		pr_info("xlate va=0x%lx pa=0x%llx pfn=0x%lx level=%s lat_ns=%llu%s%s\n",
			va, ptw_pa(&r, va), r.level == PTW_NONE ? 0 : r.pfn,
			ptw_level_name(r.level), lat, r.err ? " err=" : "",
			r.err ? r.err : "");
	}
	mmap_read_unlock(mm);

out_free:
	kfree(vas);
	return ret;
}

/* ---- VMA dump of PID 1 -------------------------------------------------- */

static void lkp_vma_print(struct mm_struct *mm, struct vm_area_struct *vma,
			  unsigned int idx)
{
	vm_flags_t flags = vma->vm_flags;
	const char *type, *tag, *name = NULL;
	unsigned long off = 0;
	char perms[5];

	perms[0] = flags & VM_READ ? 'r' : '-';
	perms[1] = flags & VM_WRITE ? 'w' : '-';
	perms[2] = flags & VM_EXEC ? 'x' : '-';
	perms[3] = flags & VM_MAYSHARE ? 's' : 'p';
	perms[4] = '\0';

	if (!vma->vm_file && vma->vm_ops && vma->vm_ops->name)
		name = vma->vm_ops->name(vma);	/* [vdso], [vvar], ... */

	/* Same precedence as /proc/PID/maps. */
	if (vma->vm_file) {
		name = d_path(&vma->vm_file->f_path, lkp.path, PATH_MAX);
		if (IS_ERR(name))
			name = "?";
		type = "File-backed Mapping";
		tag = "file";
		off = vma->vm_pgoff << PAGE_SHIFT;
	} else if (name) {
		type = "Special Mapping";
		tag = "special";
	} else if (vma->vm_start <= mm->brk && vma->vm_end >= mm->start_brk) {
		name = "[heap]";
		type = "Heap";
		tag = "heap";
	} else if (vma->vm_start <= mm->start_stack &&
		   vma->vm_end >= mm->start_stack) {
		name = "[stack]";
		type = "Stack";
		tag = "stack";
	} else {
		name = "[anon]";
		type = "Anonymous Mapping";
		tag = "anon";
	}

	pr_info("VMA%u: [0x%08lx - 0x%08lx] (size: %lu KB)\n", idx,
		vma->vm_start, vma->vm_end, (vma->vm_end - vma->vm_start) >> 10);
	pr_info("Permissions: %s\n", perms);
	if (vma->vm_file) {
		pr_info("Type: %s\n", type);
		pr_info("File: %s\n", name);
	} else if (!strcmp(tag, "special")) {
		pr_info("Type: %s (%s)\n", type, name);
	} else {
		pr_info("Type: %s\n", type);
	}
	pr_info("Offset: 0x%lx\n", off);
	pr_info("vma idx=%u start=0x%lx end=0x%lx flags=0x%lx pgoff=0x%lx type=%s name=%s\n",
		idx, vma->vm_start, vma->vm_end, (unsigned long)flags,
		vma->vm_pgoff, tag, name);
}

static int lkp_vma_dump(void)
{
	struct vm_area_struct *vma;
	struct task_struct *task;
	struct mm_struct *mm;
	unsigned int n = 0;
	struct pid *pid;
	int ret = 0;

	pid = find_get_pid(1);
	if (!pid)
		return lkp_reject(-ESRCH, "no_pid_1", "0");
	task = get_pid_task(pid, PIDTYPE_PID);
	if (!task) {
		ret = lkp_reject(-ESRCH, "no_task_1", "0");
		goto out_put_pid;
	}
	mm = get_task_mm(task);
	if (!mm) {
		ret = lkp_reject(-ESRCH, "no_mm_1", "0");
		goto out_put_task;
	}

	pr_info("vma_dump begin pid=1\n");
	mmap_read_lock(mm);
	/* find_vma() from the end of the previous VMA works on 5.10 to 7.x. */
	for (vma = find_vma(mm, 0); vma; vma = find_vma(mm, vma->vm_end))
		lkp_vma_print(mm, vma, ++n);
	mmap_read_unlock(mm);
	pr_info("vma_dump end pid=1 count=%u\n", n);

	mmput(mm);
out_put_task:
	put_task_struct(task);
out_put_pid:
	put_pid(pid);
	return ret;
}

/* ---- Accessed-bit scanner ----------------------------------------------- */

struct lkp_tally {
	unsigned long present, thp, cleared;
};

static void lkp_count(struct lkp_scanner *s, unsigned long addr,
		      unsigned long npages, bool counting)
{
	u16 *c = s->counts + ((addr - s->addr) >> PAGE_SHIFT);

	if (!counting)
		return;
	while (npages--) {
		if (*c != U16_MAX)
			(*c)++;
		c++;
	}
}

/* Scan [addr, end), which lies within one PMD and one VMA. */
static void lkp_scan_pmd(struct lkp_scanner *s, struct mm_struct *mm,
			 unsigned long addr, unsigned long end, bool counting,
			 struct lkp_tally *t)
{
	unsigned long npages = (end - addr) >> PAGE_SHIFT;
	spinlock_t *ptl;
	pmd_t *pmdp;
	pte_t *ptep;
	pud_t pudv;
	pmd_t pmdv;
	bool young;

	switch (ptw_descend(mm, addr, &pudv, &pmdp)) {
	case PTW_PUD_LEAF:
		/* 1 GiB hugetlb: counted present, its A bit is left alone. */
		t->present += npages;
		return;
	case PTW_AT_PMD:
		break;
	default:
		return;
	}

	pmdv = READ_ONCE(*pmdp);
	if (!pmd_present(pmdv))
		return;
	if (pmd_leaf(pmdv)) {
		/* THP: one A bit for all 512 pages, cleared under the PMD lock. */
		young = false;
		ptl = pmd_lock(mm, pmdp);
		pmdv = READ_ONCE(*pmdp);
		if (!pmd_present(pmdv) || !pmd_leaf(pmdv)) {
			spin_unlock(ptl);
			return;
		}
		if (pmd_young(pmdv))
			young = test_and_clear_bit(_PAGE_BIT_ACCESSED,
						   (unsigned long *)&pmdp->pmd);
		spin_unlock(ptl);
		t->present += npages;
		t->thp += npages;
		if (young) {
			t->cleared++;
			lkp_count(s, addr, npages, counting);
		}
		return;
	}
	if (pmd_bad(pmdv))
		return;

	/* The table changed under us (collapse, reclaim): skip it this scan. */
	ptep = ptw_pte_lock(mm, pmdp, pmdv, addr, &ptl);
	if (!ptep)
		return;
	for (; addr < end; addr += PAGE_SIZE, ptep++) {
		pte_t ptev = ptep_get(ptep);

		if (!pte_present(ptev))
			continue;
		t->present++;
		/*
		 * Atomic test-and-clear, like ptep_test_and_clear_young(),
		 * which is not exported: a plain store could lose a Dirty
		 * bit that the CPU sets concurrently.
		 */
		if (pte_young(ptev) &&
		    test_and_clear_bit(_PAGE_BIT_ACCESSED,
				       (unsigned long *)&ptep->pte)) {
			t->cleared++;
			lkp_count(s, addr, 1, counting);
		}
	}
	ptw_pte_unlock(ptl);
}

/*
 * Full flush of this CPU's TLB, all PCIDs and global entries included.
 * __flush_tlb_all() does this, but 7.x exports it to KVM only
 * (EXPORT_SYMBOL_FOR_MODULES) and native_write_cr4() is not exported, so
 * this repeats __native_tlb_flush_global() with inline primitives. CR4 ends
 * with its original value, so the kernel's CR4 shadow and pinning stay
 * valid. Called with interrupts off (IPI or on_each_cpu's local call).
 */
static void lkp_flush_tlb_local(void *unused)
{
	unsigned long cr4;

	if (boot_cpu_has(X86_FEATURE_INVPCID)) {
		invpcid_flush_all();
		return;
	}
	/* Any change of CR4.PGE flushes every entry of every PCID. */
	cr4 = native_read_cr4();
	asm volatile("mov %0, %%cr4" : : "r" (cr4 ^ X86_CR4_PGE) : "memory");
	asm volatile("mov %0, %%cr4" : : "r" (cr4) : "memory");
}

/* One pass over the buffer. False when the target or its mm is gone. */
static bool lkp_scan_once(struct lkp_scanner *s, bool counting)
{
	unsigned long start = s->addr, end = s->addr + s->len, lo, hi, a, next;
	struct lkp_tally t = { 0 };
	struct vm_area_struct *vma;
	struct task_struct *task;
	struct mm_struct *mm;
	u64 t0, dt;

	task = get_pid_task(s->pid, PIDTYPE_PID);
	if (!task)
		return false;
	mm = get_task_mm(task);
	put_task_struct(task);
	if (!mm)
		return false;

	t0 = ktime_get_ns();
	mmap_read_lock(mm);
	for (vma = find_vma(mm, start); vma && vma->vm_start < end;
	     vma = find_vma(mm, vma->vm_end)) {
		if (vma->vm_flags & (VM_PFNMAP | VM_IO))
			continue;
		lo = max(start, vma->vm_start);
		hi = min(end, vma->vm_end);
		for (a = lo; a < hi; a = next) {
			next = pmd_addr_end(a, hi);
			lkp_scan_pmd(s, mm, a, next, counting, &t);
			cond_resched();
		}
	}
	mmap_read_unlock(mm);
	/*
	 * Without a flush, pages whose translation stays cached in a TLB
	 * never set A again and would look cold. flush_tlb_* is not exported.
	 */
	if (t.cleared) {
		on_each_cpu(lkp_flush_tlb_local, NULL, 1);
		WRITE_ONCE(s->flushes, s->flushes + 1);
	}
	dt = ktime_get_ns() - t0;
	mmput(mm);

	WRITE_ONCE(s->present, t.present);
	WRITE_ONCE(s->thp, t.thp);
	WRITE_ONCE(s->last_scan_ns, dt);
	if (dt > s->max_scan_ns)
		WRITE_ONCE(s->max_scan_ns, dt);
	if (counting) {
		WRITE_ONCE(s->scans, s->scans + 1);
		s->period_scans++;
		s->period_ns_sum += dt;
		s->period_ns_max = max(s->period_ns_max, dt);
	}
	return true;
}

/* Run-length tokens over groups of @gran pages; a group's value is its max. */
struct lkp_rle {
	const u16 *c;
	unsigned long n, pos;
	unsigned int gran;
};

static unsigned int lkp_rle_group(const struct lkp_rle *it, unsigned long pos,
				  unsigned long *len)
{
	unsigned long end = min(pos + it->gran, it->n);
	unsigned int v = 0;

	*len = end - pos;
	for (; pos < end; pos++)
		v = max_t(unsigned int, v, it->c[pos]);
	return v;
}

/* Next run: value and length in pages (a multiple of gran except at the end). */
static bool lkp_rle_next(struct lkp_rle *it, unsigned int *val,
			 unsigned long *run)
{
	unsigned long len;

	if (it->pos >= it->n)
		return false;
	*val = lkp_rle_group(it, it->pos, &len);
	*run = len;
	it->pos += len;
	while (it->pos < it->n && lkp_rle_group(it, it->pos, &len) == *val) {
		*run += len;
		it->pos += len;
	}
	return true;
}

/*
 * Bound the worst case: a fully fragmented 1 GiB buffer is 262,144 runs,
 * about 800 KB of log per report. Above LKP_HEAT_MAX_RUNS runs the report
 * coarsens to groups of gran pages (a power of two, value = max of the
 * group), so one report never exceeds about LKP_HEAT_MAX_RUNS * 12 bytes.
 */
static unsigned int lkp_heat_gran(const struct lkp_scanner *s)
{
	unsigned int gran, val;
	unsigned long runs, run;

	for (gran = 1;; gran <<= 1) {
		struct lkp_rle it = { .c = s->counts, .n = s->pages, .gran = gran };

		runs = 0;
		while (runs <= LKP_HEAT_MAX_RUNS && lkp_rle_next(&it, &val, &run))
			runs++;
		if (runs <= LKP_HEAT_MAX_RUNS || gran >= s->pages)
			return gran;
	}
}

/* Emit (or, with parts == 0, only count) the heat lines of one report. */
static unsigned int lkp_heat_lines(struct lkp_scanner *s, unsigned int gran,
				   u64 t_ms, unsigned int parts)
{
	struct lkp_rle it = { .c = s->counts, .n = s->pages, .gran = gran };
	unsigned long first = 0, pos = 0, run;
	unsigned int part = 0, val;
	char tok[LKP_TOKEN_MAX];
	size_t used = 0;
	int tl;

	while (lkp_rle_next(&it, &val, &run)) {
		if (run > 1)
			tl = scnprintf(tok, sizeof(tok), "%u*%lu", val, run);
		else
			tl = scnprintf(tok, sizeof(tok), "%u", val);
		if (used && used + 1 + tl > LKP_HEAT_PAYLOAD) {
			part++;
			if (parts)
				pr_info("heat seq=%llu t_ms=%llu addr=0x%lx pages=%lu gran=%u part=%u/%u first=%lu rle=%s\n",
					s->reports + 1, t_ms, s->addr, s->pages,
					gran, part, parts, first, s->line);
			first = pos;
			used = 0;
		}
		if (used)
			s->line[used++] = ',';
		memcpy(s->line + used, tok, tl + 1);
		used += tl;
		pos += run;
	}
	part++;
	if (parts)
		pr_info("heat seq=%llu t_ms=%llu addr=0x%lx pages=%lu gran=%u part=%u/%u first=%lu rle=%s\n",
			s->reports + 1, t_ms, s->addr, s->pages, gran, part,
			parts, first, s->line);
	return part;
}

static void lkp_report(struct lkp_scanner *s, u64 now)
{
	u64 t_ms = div_u64(now - s->start_ns, NSEC_PER_MSEC);
	unsigned int gran = lkp_heat_gran(s);
	unsigned int parts = lkp_heat_lines(s, gran, t_ms, 0);
	u64 young = 0;
	unsigned long i;

	lkp_heat_lines(s, gran, t_ms, parts);
	for (i = 0; i < s->pages; i++)
		young += s->counts[i];
	pr_info("heat_done seq=%llu scans=%u scan_ns_avg=%llu scan_ns_max=%llu present=%lu thp=%lu young=%llu\n",
		s->reports + 1, s->period_scans,
		s->period_scans ? div_u64(s->period_ns_sum, s->period_scans) : 0,
		s->period_ns_max, s->present, s->thp, young);
	WRITE_ONCE(s->reports, s->reports + 1);
	memset(s->counts, 0, s->pages * sizeof(*s->counts));
	s->period_scans = 0;
	s->period_ns_sum = 0;
	s->period_ns_max = 0;
}

/* Sleep to an absolute CLOCK_MONOTONIC deadline; kthread_stop() wakes us. */
static void lkp_sleep_until(u64 deadline_ns)
{
	ktime_t expires = ns_to_ktime(deadline_ns);

	set_current_state(TASK_INTERRUPTIBLE);
	if (kthread_should_stop()) {
		__set_current_state(TASK_RUNNING);
		return;
	}
	schedule_hrtimeout_range(&expires, 0, HRTIMER_MODE_ABS);
}

static void lkp_idle(void)
{
	set_current_state(TASK_INTERRUPTIBLE);
	if (!kthread_should_stop())
		schedule();
	__set_current_state(TASK_RUNNING);
}

static void lkp_target_state(struct lkp_scanner *s, bool alive)
{
	if (s->target_alive && !alive)
		pr_info("scan_target_gone pid=%d scans=%llu reports=%llu\n",
			s->pid_nr, s->scans, s->reports);
	WRITE_ONCE(s->target_alive, alive);
}

/*
 * The scan at deadline start + k * period counts the accesses of the
 * preceding period; the report due at start + j * report is made after the
 * scan of that deadline, so report j covers exactly ((j-1) * report,
 * j * report]. A first, uncounted scan at start clears the A bits that the
 * workload's own initialisation left. The thread never returns before
 * kthread_stop(): after duration_s or when the target dies it idles.
 */
static int lkp_scan_thread(void *data)
{
	struct lkp_scanner *s = data;
	u64 period = (u64)s->period_ms * NSEC_PER_MSEC;
	u64 report = (u64)s->report_ms * NSEC_PER_MSEC;
	u64 end, deadline, next_report, now, missed;

	s->start_ns = ktime_get_ns();
	end = s->duration_s ? s->start_ns + s->duration_s * NSEC_PER_SEC : U64_MAX;
	deadline = s->start_ns + period;
	next_report = s->start_ns + report;
	lkp_target_state(s, lkp_scan_once(s, false));

	while (!kthread_should_stop()) {
		if (s->finished) {
			lkp_idle();
			continue;
		}
		lkp_sleep_until(deadline);
		if (kthread_should_stop())
			break;

		lkp_target_state(s, lkp_scan_once(s, true));
		now = ktime_get_ns();
		if (deadline >= next_report) {
			if (s->period_scans)
				lkp_report(s, now);
			while (next_report <= deadline)
				next_report += report;
		}
		if (deadline >= end) {
			WRITE_ONCE(s->finished, true);
			pr_info("scan_idle reason=duration scans=%llu reports=%llu\n",
				s->scans, s->reports);
			continue;
		}
		deadline += period;
		if (deadline <= now) {
			/* Scan overran: skip the deadlines already missed. */
			missed = div64_u64(now - deadline, period) + 1;
			deadline += missed * period;
			WRITE_ONCE(s->overruns, s->overruns + missed);
		}
	}
	return 0;
}

static void lkp_scan_stop_locked(void)
{
	struct lkp_scanner *s = &lkp.scan;

	/* Our own task reference keeps kthread_stop() safe (no kthread_stop_put before 6.12). */
	kthread_stop(s->thread);
	put_task_struct(s->thread);
	s->thread = NULL;
	pr_info("scan_stop reports=%llu scans=%llu\n", s->reports, s->scans);
	kfree(s->line);
	s->line = NULL;
	vfree(s->counts);
	s->counts = NULL;
	put_pid(s->pid);
	s->pid = NULL;
}

struct lkp_scan_args {
	int pid;
	unsigned long addr, len;
	unsigned int period_ms, report_ms, duration_s;
};

static int lkp_scan_start_locked(const struct lkp_scan_args *a)
{
	struct lkp_scanner *s = &lkp.scan;
	unsigned long start = a->addr & PAGE_MASK;
	unsigned long end = PAGE_ALIGN(a->addr + a->len);
	struct task_struct *thread, *task;
	struct pid *pid;
	int ret;

	if (s->thread)
		return lkp_reject(-EBUSY, "scan_running", "start");
	pid = find_get_pid(a->pid);
	if (!pid)
		return lkp_reject(-ESRCH, "no_such_pid", "pid");
	task = get_pid_task(pid, PIDTYPE_PID);
	if (!task) {
		ret = lkp_reject(-ESRCH, "no_such_task", "pid");
		goto out_put_pid;
	}
	put_task_struct(task);

	memset(s, 0, sizeof(*s));
	s->pid = pid;
	s->pid_nr = a->pid;
	s->addr = start;
	s->len = end - start;
	s->pages = s->len >> PAGE_SHIFT;
	s->period_ms = a->period_ms;
	s->report_ms = a->report_ms;
	s->duration_s = a->duration_s;
	s->target_alive = true;

	s->counts = vzalloc(array_size(s->pages, sizeof(*s->counts)));
	if (!s->counts) {
		ret = -ENOMEM;
		goto out_put_pid;
	}
	s->line = kmalloc(LKP_LINE_MAX, GFP_KERNEL);
	if (!s->line) {
		ret = -ENOMEM;
		goto out_free_counts;
	}
	thread = kthread_create_on_node(lkp_scan_thread, s, NUMA_NO_NODE,
					"lkp25p3_scan");
	if (IS_ERR(thread)) {
		ret = PTR_ERR(thread);
		goto out_free_line;
	}
	get_task_struct(thread);
	s->thread = thread;
	/* Logged before the thread runs so it precedes every heat line. */
	pr_info("scan_start pid=%d addr=0x%lx len=%lu pages=%lu period_ms=%u report_ms=%u duration_s=%u\n",
		s->pid_nr, s->addr, s->len, s->pages, s->period_ms,
		s->report_ms, s->duration_s);
	wake_up_process(thread);
	return 0;

out_free_line:
	kfree(s->line);
	s->line = NULL;
out_free_counts:
	vfree(s->counts);
	s->counts = NULL;
out_put_pid:
	put_pid(pid);
	s->pid = NULL;
	return ret;
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
			ret = kstrtoul(val, 0, &a->len);
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
	if (!a->period_ms || a->period_ms > 60000)
		return lkp_reject(-EINVAL, "bad_period", "period_ms");
	if (a->report_ms < a->period_ms || a->report_ms > 3600000)
		return lkp_reject(-EINVAL, "bad_report", "report_ms");
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
	seq_printf(m, "present=%lu\nthp=%lu\n", READ_ONCE(s->present),
		   READ_ONCE(s->thp));
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

// SPDX-License-Identifier: GPL-2.0
/*
 * lkp_scan.c - the accessed-bit scanner: start and stop of its kthread, the
 * periodic scans that test and clear the A bits of the range, the TLB flush
 * that follows them, and the run-length "heat" reports.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hrtimer.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/limits.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/mmzone.h>
#include <linux/overflow.h>
#include <linux/page_idle.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <asm/cpufeature.h>
#include <asm/invpcid.h>
#include <asm/special_insns.h>
#include <asm/tlbflush.h>

#include "lkp25p3.h"
#include "ptwalk.h"

#define LKP_HEAT_MAX_RUNS	16384		/* per report, see lkp_heat_gran() */
#define LKP_HEAT_PAYLOAD	700		/* rle= bytes per line: < 900 in all */
#define LKP_LINE_MAX		1024
#define LKP_TOKEN_MAX		48
#define LKP_RESCHED_PAGES	65536		/* counters between cond_resched() */

/* One scan's view of the range; the walk callbacks fill it in. */
struct lkp_walk {
	struct lkp_scanner *s;
	struct mm_struct *mm;
	bool counting;			/* false for the priming scan */
	bool no_youth;			/* VM_MIXEDMAP: frames may lack a page */
	unsigned long present, thp, cleared;
	unsigned long skipped;		/* pages of hugetlb VMAs in the range */
	unsigned int skipped_vmas;
};

static void lkp_count(struct lkp_walk *w, unsigned long addr,
		      unsigned long npages)
{
	u16 *c = w->s->counts + ((addr - w->s->addr) >> PAGE_SHIFT);

	if (!w->counting)
		return;
	while (npages--) {
		if (*c != U16_MAX)
			(*c)++;
		c++;
	}
}

/*
 * Tell reclaim that the page was young. Clearing the A bit consumes the
 * reference that folio_referenced() would have found, so, like DAMON's
 * damon_ptep_mkold() and idle page tracking, record it as PG_young, which
 * folio_referenced() counts as a reference, and clear PG_idle, which DAMON's
 * physical-address monitoring (DAMON_STAT on 7.2) reads as "accessed".
 * Called with the lock of the entry that maps the page held, so the page
 * cannot be freed meanwhile. Both flags exist only with
 * CONFIG_PAGE_IDLE_FLAG (6.12 and 7.2 here: inline bit operations on the
 * folio, nothing to export); 5.10 and 6.1 have no such flag to set.
 */
#ifdef CONFIG_PAGE_IDLE_FLAG
static void lkp_mark_young(struct page *page)
{
	struct folio *folio = page_folio(page);

	folio_set_young(folio);
	folio_clear_idle(folio);
}

static void lkp_mark_young_pte(const struct lkp_walk *w, pte_t ptev)
{
	unsigned long pfn = pte_pfn(ptev);

	/* Only frames with a struct page of their own. */
	if (!w->no_youth && !pte_special(ptev) && !is_zero_pfn(pfn) &&
	    pfn_valid(pfn))
		lkp_mark_young(pfn_to_page(pfn));
}

/*
 * The same for a PMD leaf: a special (pfnmap) PMD, a frame without a struct
 * page, or the huge zero page, shared by every process, is left alone.
 */
static void lkp_mark_young_pmd(const struct lkp_walk *w, pmd_t pmdv)
{
	unsigned long pfn = pmd_pfn(pmdv);

	if (!w->no_youth && pfn_valid(pfn) && !ptw_huge_zero_pmd(pmdv))
		lkp_mark_young(pfn_to_page(pfn));
}
#else
static void lkp_mark_young_pte(const struct lkp_walk *w, pte_t ptev)
{
}

static void lkp_mark_young_pmd(const struct lkp_walk *w, pmd_t pmdv)
{
}
#endif

/* 1 GiB hugetlb: counted present, its A bit is left alone. */
static bool lkp_scan_pud_leaf(pud_t pudv, unsigned long addr,
			      unsigned long end, void *priv)
{
	struct lkp_walk *w = priv;

	w->present += (end - addr) >> PAGE_SHIFT;
	return true;
}

/* The PTEs of [addr, end) under their table's lock (ptw_pte_locked()). */
static void lkp_scan_ptes(pte_t *ptep, unsigned long addr, unsigned long end,
			  void *priv)
{
	struct lkp_walk *w = priv;

	for (; addr < end; addr += PAGE_SIZE, ptep++) {
		pte_t ptev = ptep_get(ptep);

		if (!pte_present(ptev))
			continue;
		w->present++;
		/*
		 * Atomic test-and-clear, like ptep_test_and_clear_young(),
		 * which is not exported: a plain store could lose a Dirty
		 * bit that the CPU sets concurrently.
		 */
		if (pte_young(ptev) &&
		    test_and_clear_bit(_PAGE_BIT_ACCESSED,
				       (unsigned long *)&ptep->pte)) {
			lkp_mark_young_pte(w, ptev);
			w->cleared++;
			lkp_count(w, addr, 1);
		}
	}
}

/* Scan [addr, end), which lies within one PMD entry and one VMA. */
static bool lkp_scan_pmd(pmd_t *pmdp, unsigned long addr, unsigned long end,
			 void *priv)
{
	unsigned long npages = (end - addr) >> PAGE_SHIFT;
	struct lkp_walk *w = priv;
	spinlock_t *ptl;
	pmd_t pmdv;
	bool young;

	pmdv = READ_ONCE(*pmdp);
	if (!pmd_present(pmdv))
		return true;
	if (pmd_leaf(pmdv)) {
		/* THP: one A bit for all 512 pages, cleared under the PMD lock. */
		young = false;
		ptl = pmd_lock(w->mm, pmdp);
		pmdv = READ_ONCE(*pmdp);
		if (!pmd_present(pmdv) || !pmd_leaf(pmdv)) {
			spin_unlock(ptl);
			return true;
		}
		if (pmd_young(pmdv) &&
		    test_and_clear_bit(_PAGE_BIT_ACCESSED,
				       (unsigned long *)&pmdp->pmd)) {
			young = true;
			lkp_mark_young_pmd(w, pmdv);
		}
		spin_unlock(ptl);
		w->present += npages;
		w->thp += npages;
		if (young) {
			w->cleared++;
			lkp_count(w, addr, npages);
		}
		return true;
	}
	if (pmd_bad(pmdv))
		return true;

	/* A table that changed under us (collapse, reclaim) is skipped this scan. */
	ptw_pte_locked(w->mm, pmdp, pmdv, addr, end, lkp_scan_ptes, w);
	return true;
}

static const struct ptw_walk_ops lkp_scan_ops = {
	.pud_leaf	= lkp_scan_pud_leaf,
	.pmd_entry	= lkp_scan_pmd,
};

#ifdef LKP_HAVE_FLUSH_TLB_ALL
/*
 * Full flush of this CPU's TLB, all PCIDs and global entries included. The
 * Makefile defines LKP_HAVE_FLUSH_TLB_ALL where Module.symvers exports
 * __flush_tlb_all() to any GPL module (5.10, 6.1, 6.12). Called with
 * interrupts off (IPI or on_each_cpu's local call), as it requires.
 */
static void lkp_flush_tlb_local(void *unused)
{
	__flush_tlb_all();
}
#else
/*
 * The same flush where __flush_tlb_all() is exported to the kvm modules only
 * (7.2), built from what is inline: INVPCID type 2 (every PCID, globals too)
 * where the CPU has it; else, with PGE, __flush_tlb_global(), the paravirt
 * op that toggles CR4.PGE through the kernel's own CR4 shadow (a module
 * cannot write CR4 itself on 7.2: native_write_cr4() is not exported and
 * cr4_update_irqsoff() is kvm-only too); else a CR3 reload, which is total
 * because without PGE the kernel enables no PCID (setup_pcid()).
 */
static void lkp_flush_tlb_local(void *unused)
{
	if (boot_cpu_has(X86_FEATURE_INVPCID))
		invpcid_flush_all();
	else if (boot_cpu_has(X86_FEATURE_PGE))
		__flush_tlb_global();
	else
		write_cr3(__read_cr3());
}
#endif

/* One pass over the buffer. False when the target or its mm is gone. */
static bool lkp_scan_once(struct lkp_scanner *s, bool counting)
{
	unsigned long start = s->addr, end = s->addr + s->len;
	struct lkp_walk w = { .s = s, .counting = counting };
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
	w.mm = mm;

	t0 = ktime_get_ns();
	mmap_read_lock(mm);
	for (vma = find_vma(mm, start); vma && vma->vm_start < end;
	     vma = find_vma(mm, vma->vm_end)) {
		unsigned long from = max(start, vma->vm_start);
		unsigned long to = min(end, vma->vm_end);

		if (vma->vm_flags & (VM_PFNMAP | VM_IO))
			continue;
		if (ptw_vma_skipped(vma)) {
			w.skipped += (to - from) >> PAGE_SHIFT;
			w.skipped_vmas++;
			continue;
		}
		w.no_youth = vma->vm_flags & VM_MIXEDMAP;
		ptw_walk(mm, from, to, &lkp_scan_ops, &w);
	}
	mmap_read_unlock(mm);
	/*
	 * Without a flush, pages whose translation stays cached in a TLB
	 * never set A again and would look cold. flush_tlb_* is not exported.
	 */
	if (w.cleared) {
		on_each_cpu(lkp_flush_tlb_local, NULL, 1);
		WRITE_ONCE(s->flushes, s->flushes + 1);
	}
	dt = ktime_get_ns() - t0;
	mmput(mm);

	WRITE_ONCE(s->present, w.present);
	WRITE_ONCE(s->thp, w.thp);
	if (w.skipped != s->skipped) {
		/* Once per change, not per scan. */
		pr_info("scan_skipped pages=%lu vmas=%u reason=hugetlb\n",
			w.skipped, w.skipped_vmas);
		WRITE_ONCE(s->skipped, w.skipped);
	}
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

/*
 * Run-length tokens over groups of @gran pages; a group's value is its max.
 * A report makes several passes over up to 4 Mi counters (lkp_heat_gran()
 * alone up to nine at 16 GiB): each pass reschedules every
 * LKP_RESCHED_PAGES counters.
 */
struct lkp_rle {
	const u16 *c;
	unsigned long n, pos;
	unsigned long since;		/* counters read since cond_resched() */
	unsigned int gran;
};

static void lkp_rle_advance(struct lkp_rle *it, unsigned long len)
{
	it->pos += len;
	it->since += len;
	if (it->since >= LKP_RESCHED_PAGES) {
		it->since = 0;
		cond_resched();
	}
}

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
	lkp_rle_advance(it, len);
	while (it->pos < it->n && lkp_rle_group(it, it->pos, &len) == *val) {
		*run += len;
		lkp_rle_advance(it, len);
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
			cond_resched();
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

static u64 lkp_counts_sum(const u16 *c, unsigned long n)
{
	u64 sum = 0;

	while (n--)
		sum += *c++;
	return sum;
}

/* Sum of the counters, then zero them for the next period. */
static u64 lkp_counts_take(struct lkp_scanner *s)
{
	unsigned long i, n;
	u64 young = 0;

	for (i = 0; i < s->pages; i += n) {
		n = min_t(unsigned long, s->pages - i, LKP_RESCHED_PAGES);
		young += lkp_counts_sum(s->counts + i, n);
		memset(s->counts + i, 0, n * sizeof(*s->counts));
		cond_resched();
	}
	return young;
}

static void lkp_report(struct lkp_scanner *s, u64 now)
{
	u64 t_ms = div_u64(now - s->start_ns, NSEC_PER_MSEC);
	unsigned int gran = lkp_heat_gran(s);
	unsigned int parts = lkp_heat_lines(s, gran, t_ms, 0);
	u64 young;

	lkp_heat_lines(s, gran, t_ms, parts);
	young = lkp_counts_take(s);
	pr_info("heat_done seq=%llu scans=%u scan_ns_avg=%llu scan_ns_max=%llu present=%lu thp=%lu young=%llu\n",
		s->reports + 1, s->period_scans,
		s->period_scans ? div_u64(s->period_ns_sum, s->period_scans) : 0,
		s->period_ns_max, s->present, s->thp, young);
	WRITE_ONCE(s->reports, s->reports + 1);
	s->period_scans = 0;
	s->period_ns_sum = 0;
	s->period_ns_max = 0;
}

/*
 * Sleep to an absolute CLOCK_MONOTONIC deadline, or until kthread_stop().
 * schedule_hrtimeout_range() also returns on any other wakeup, so sleep
 * again until the deadline has really passed: an early return would scan
 * early and count a short period.
 */
static void lkp_sleep_until(u64 deadline_ns)
{
	ktime_t expires = ns_to_ktime(deadline_ns);

	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop() || ktime_get_ns() >= deadline_ns)
			break;
		schedule_hrtimeout_range(&expires, 0, HRTIMER_MODE_ABS);
	}
	__set_current_state(TASK_RUNNING);
}

static void lkp_idle(void)
{
	set_current_state(TASK_INTERRUPTIBLE);
	if (!kthread_should_stop())
		schedule();
	__set_current_state(TASK_RUNNING);
}

/* A target once gone stays gone: the thread idles from then on (one line). */
static void lkp_target_state(struct lkp_scanner *s, bool alive)
{
	if (alive)
		return;
	pr_info("scan_target_gone pid=%d scans=%llu reports=%llu\n",
		s->pid_nr, s->scans, s->reports);
	WRITE_ONCE(s->target_alive, false);
}

/*
 * The scan at deadline start + k * period counts the accesses of the
 * preceding period; the report due at start + j * report is made after the
 * scan of that deadline, so report j covers exactly ((j-1) * report,
 * j * report]. A first, uncounted scan at start clears the A bits that the
 * workload's own initialisation left. The thread never returns before
 * kthread_stop(): after duration_s, or from the first scan that finds the
 * target (or its mm) gone, it idles without a timer and scans no more.
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
		if (s->finished || !s->target_alive) {
			lkp_idle();
			continue;
		}
		lkp_sleep_until(deadline);
		if (kthread_should_stop())
			break;

		lkp_target_state(s, lkp_scan_once(s, true));
		if (!s->target_alive)
			continue;
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

void lkp_scan_stop_locked(void)
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

int lkp_scan_start_locked(const struct lkp_scan_args *a)
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

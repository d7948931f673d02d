// SPDX-License-Identifier: GPL-2.0
/*
 * lkp_xlate.c - a line of hex VAs: each is translated in the writer's own
 * address space by the walk of ptwalk.h and logged as one "xlate" line with
 * its PA and the latency of the walk.
 *
 * lat_ns is the time between two ktime_get_ns() calls around the walk, so it
 * includes one clock read; clk_ns is an empty pair read just before, the
 * clock's own cost on this guest's clocksource, for the reader to subtract.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "lkp25p3.h"
#include "ptwalk.h"

/* One VA's result, kept until the mmap lock is dropped. */
struct lkp_xlate_rec {
	unsigned long va;
	struct ptw_result r;
	u64 lat, clk;
};

static void lkp_xlate_one(struct mm_struct *mm, struct lkp_xlate_rec *x)
{
	struct vm_area_struct *vma = find_vma(mm, x->va);
	u64 t0;

	x->lat = 0;
	x->clk = 0;
	if (!vma || x->va < vma->vm_start) {
		memset(&x->r, 0, sizeof(x->r));
		x->r.level = PTW_NONE;
		x->r.err = "no_vma";
		return;
	}
	t0 = ktime_get_ns();
	x->clk = ktime_get_ns() - t0;
	t0 = ktime_get_ns();
	ptw_translate(mm, x->va, &x->r);
	x->lat = ktime_get_ns() - t0;
}

/*
 * Validate the whole line, translate every VA under the mmap lock, then print
 * without it: printk to a slow console must not hold up the writer's own
 * page faults, and a 4 KiB write holds up to 2,048 VAs.
 */
int lkp_xlate_line(char *line)
{
	struct mm_struct *mm = current->mm;
	struct lkp_xlate_rec *xs, *x;
	unsigned int n = 0, i;
	char *cur = line, *tok;
	int ret = 0;

	if (!mm)
		return lkp_reject(-EINVAL, "no_mm", line);
	/* A token takes at least two bytes with its separator. */
	xs = kvmalloc_array(strlen(line) / 2 + 1, sizeof(*xs), GFP_KERNEL);
	if (!xs)
		return -ENOMEM;

	/* Validate the whole line first so a bad token translates nothing. */
	while ((tok = lkp_next_token(&cur))) {
		ret = kstrtoul(tok, 16, &xs[n].va);
		if (ret) {
			ret = lkp_reject(-EINVAL, ret == -ERANGE ? "overflow" :
					 "not_hex", tok);
			goto out_free;
		}
		if (xs[n].va >= TASK_SIZE_MAX) {
			ret = lkp_reject(-EINVAL, "kernel_address", tok);
			goto out_free;
		}
		n++;
	}

	if (mmap_read_lock_killable(mm)) {
		ret = -EINTR;
		goto out_free;
	}
	for (i = 0; i < n; i++)
		lkp_xlate_one(mm, &xs[i]);
	mmap_read_unlock(mm);

	for (i = 0; i < n; i++) {
		x = &xs[i];
		pr_info("xlate va=0x%lx pa=0x%llx pfn=0x%lx level=%s lat_ns=%llu clk_ns=%llu%s%s\n",
			x->va, ptw_pa(&x->r, x->va),
			x->r.level == PTW_NONE ? 0 : x->r.pfn,
			ptw_level_name(x->r.level), x->lat, x->clk,
			x->r.err ? " err=" : "", x->r.err ? x->r.err : "");
		cond_resched();
	}

out_free:
	kvfree(xs);
	return ret;
}

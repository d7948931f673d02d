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

#include "lkp25p3.h"
#include "ptwalk.h"

int lkp_xlate_line(char *line)
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
		u64 t0, clk = 0, lat = 0;

		if (vma && va >= vma->vm_start) {
			t0 = ktime_get_ns();
			clk = ktime_get_ns() - t0;
			t0 = ktime_get_ns();
			ptw_translate(mm, va, &r);
			lat = ktime_get_ns() - t0;
		} else {
			memset(&r, 0, sizeof(r));
			r.level = PTW_NONE;
			r.err = "no_vma";
		}
		pr_info("xlate va=0x%lx pa=0x%llx pfn=0x%lx level=%s lat_ns=%llu clk_ns=%llu%s%s\n",
			va, ptw_pa(&r, va), r.level == PTW_NONE ? 0 : r.pfn,
			ptw_level_name(r.level), lat, clk, r.err ? " err=" : "",
			r.err ? r.err : "");
	}
	mmap_read_unlock(mm);

out_free:
	kfree(vas);
	return ret;
}

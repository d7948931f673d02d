// SPDX-License-Identifier: GPL-2.0
/*
 * lkp_vma.c - the "0" command: every VMA of PID 1, logged in the
 * assignment's human format followed by one machine line per VMA.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/version.h>

#include "lkp25p3.h"

/*
 * What one VMA's lines need, copied under the mmap lock so that they can be
 * printed after it is dropped: printk to a slow console must not hold up
 * PID 1's page faults and mmaps. A file-backed VMA keeps a reference to its
 * file until its path has been printed.
 */
struct lkp_vma_rec {
	unsigned long start, end, pgoff;
	vm_flags_t flags;
	struct file *file;		/* referenced, or NULL */
	const char *type, *tag;		/* static strings */
	char special[32];		/* vm_ops->name(): [vdso], [vvar], ... */
};

#define LKP_VMA_BATCH	64

/*
 * "[heap]" as the running kernel's /proc/PID/maps says it. 6.7 brought
 * vma_is_initial_heap() and, with "mm: fix VMA heap bounds checking", its
 * strict form: the VMA holds part of [start_brk, brk), so one that only
 * touches either end, or any VMA while the heap is empty, is not the heap.
 * Before that, show_map_vma() tested vm_start <= brk && vm_end >= start_brk.
 * The kernel's own helper where it has one; its old test elsewhere.
 */
static bool lkp_vma_is_heap(struct mm_struct *mm, struct vm_area_struct *vma)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 7, 0)
	return vma_is_initial_heap(vma);
#else
	return vma->vm_start <= mm->brk && vma->vm_end >= mm->start_brk;
#endif
}

static void lkp_vma_fill(struct mm_struct *mm, struct vm_area_struct *vma,
			 struct lkp_vma_rec *r)
{
	const char *name = NULL;

	r->start = vma->vm_start;
	r->end = vma->vm_end;
	r->pgoff = vma->vm_pgoff;
	r->flags = vma->vm_flags;
	r->file = NULL;
	r->special[0] = '\0';

	if (!vma->vm_file && vma->vm_ops && vma->vm_ops->name)
		name = vma->vm_ops->name(vma);

	/*
	 * Same precedence as /proc/PID/maps. The stack test is inclusive, as
	 * vma_is_initial_stack() and the is_stack() before it.
	 */
	if (vma->vm_file) {
		r->file = get_file(vma->vm_file);
		r->type = "File-backed Mapping";
		r->tag = "file";
	} else if (name) {
		strscpy(r->special, name, sizeof(r->special));
		r->type = "Special Mapping";
		r->tag = "special";
	} else if (lkp_vma_is_heap(mm, vma)) {
		r->type = "Heap";
		r->tag = "heap";
	} else if (vma->vm_start <= mm->start_stack &&
		   vma->vm_end >= mm->start_stack) {
		r->type = "Stack";
		r->tag = "stack";
	} else {
		r->type = "Anonymous Mapping";
		r->tag = "anon";
	}
}

/* Print one record without the mmap lock and drop its file reference. */
static void lkp_vma_print(struct lkp_vma_rec *r, unsigned int idx)
{
	unsigned long off = 0;
	const char *name;
	char perms[5];

	perms[0] = r->flags & VM_READ ? 'r' : '-';
	perms[1] = r->flags & VM_WRITE ? 'w' : '-';
	perms[2] = r->flags & VM_EXEC ? 'x' : '-';
	perms[3] = r->flags & VM_MAYSHARE ? 's' : 'p';
	perms[4] = '\0';

	if (r->file) {
		name = d_path(&r->file->f_path, lkp.path, PATH_MAX);
		if (IS_ERR(name))
			name = "?";
		off = r->pgoff << PAGE_SHIFT;
	} else if (!strcmp(r->tag, "special")) {
		name = r->special;
	} else if (!strcmp(r->tag, "heap")) {
		name = "[heap]";
	} else if (!strcmp(r->tag, "stack")) {
		name = "[stack]";
	} else {
		name = "[anon]";
	}

	pr_info("VMA%u: [0x%08lx - 0x%08lx] (size: %lu KB)\n", idx,
		r->start, r->end, (r->end - r->start) >> 10);
	pr_info("Permissions: %s\n", perms);
	if (r->file) {
		pr_info("Type: %s\n", r->type);
		pr_info("File: %s\n", name);
	} else if (!strcmp(r->tag, "special")) {
		pr_info("Type: %s (%s)\n", r->type, name);
	} else {
		pr_info("Type: %s\n", r->type);
	}
	pr_info("Offset: 0x%lx\n", off);
	pr_info("vma idx=%u start=0x%lx end=0x%lx flags=0x%lx pgoff=0x%lx type=%s name=%s\n",
		idx, r->start, r->end, (unsigned long)r->flags, r->pgoff,
		r->tag, name);
	if (r->file)
		fput(r->file);
	r->file = NULL;
}

/*
 * Copy up to LKP_VMA_BATCH VMAs at or above *next under the mmap lock;
 * *next moves past the last one. Returns how many were copied, 0 at the
 * end, or -EINTR.
 */
static int lkp_vma_collect(struct mm_struct *mm, unsigned long *next,
			   struct lkp_vma_rec *recs)
{
	struct vm_area_struct *vma;
	int n = 0;

	if (mmap_read_lock_killable(mm))
		return -EINTR;
	/* find_vma() from the end of the previous VMA works on 5.10 to 7.x. */
	for (vma = find_vma(mm, *next); vma && n < LKP_VMA_BATCH;
	     vma = find_vma(mm, vma->vm_end)) {
		lkp_vma_fill(mm, vma, &recs[n++]);
		*next = vma->vm_end;
	}
	mmap_read_unlock(mm);
	return n;
}

int lkp_vma_dump(void)
{
	struct lkp_vma_rec *recs;
	struct task_struct *task;
	unsigned long next = 0;
	struct mm_struct *mm;
	unsigned int idx = 0;
	struct pid *pid;
	int ret = 0, n, i;

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
	recs = kmalloc_array(LKP_VMA_BATCH, sizeof(*recs), GFP_KERNEL);
	if (!recs) {
		ret = -ENOMEM;
		goto out_mmput;
	}

	pr_info("vma_dump begin pid=1\n");
	/*
	 * Copy under the lock, print without it. Between batches PID 1 may
	 * change its mappings; each batch goes on at the first VMA at or above
	 * the end of the last one printed, as a reader of /proc/1/maps does.
	 */
	while ((n = lkp_vma_collect(mm, &next, recs)) > 0) {
		for (i = 0; i < n; i++)
			lkp_vma_print(&recs[i], ++idx);
		cond_resched();
	}
	if (n < 0)
		ret = n;
	else
		pr_info("vma_dump end pid=1 count=%u\n", idx);

	kfree(recs);
out_mmput:
	mmput(mm);
out_put_task:
	put_task_struct(task);
out_put_pid:
	put_pid(pid);
	return ret;
}

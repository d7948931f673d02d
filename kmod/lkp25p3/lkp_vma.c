// SPDX-License-Identifier: GPL-2.0
/*
 * lkp_vma.c - the "0" command: every VMA of PID 1, logged in the
 * assignment's human format followed by one machine line per VMA.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/task.h>
#include <linux/string.h>

#include "lkp25p3.h"

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

	/*
	 * Same precedence as /proc/PID/maps. The heap is a VMA holding part of
	 * [start_brk, brk): strict, as vma_is_initial_heap() on 6.12 and 7.2,
	 * so a VMA that only touches the heap's start or end, or any VMA while
	 * the heap is empty, is not the heap. The stack test is inclusive, as
	 * vma_is_initial_stack().
	 */
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
	} else if (vma->vm_start < mm->brk && vma->vm_end > mm->start_brk) {
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

int lkp_vma_dump(void)
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

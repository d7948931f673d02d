// SPDX-License-Identifier: GPL-2.0
/*
 * pagetable - dump every VA->PA mapping of a process (module parameter pid)
 * to the kernel log as contiguous runs, and translate virtual page numbers of
 * that process through ioctls on /dev/pagetable. Formats and errnos are in
 * README.md; the ioctl numbers live in pagetable_ioctl.h only.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "ptwalk.h"
#include "pagetable_ioctl.h"

static long pt_ioctl(struct file *file, unsigned int cmd, unsigned long arg);
static int pt_open(struct inode *inode, struct file *file);

static const struct file_operations pt_fops = {
	.owner		= THIS_MODULE,
	.open		= pt_open,
	.unlocked_ioctl	= pt_ioctl,
};

/* All module state. */
static struct pt_state {
	struct mutex lock;		/* guards target and pid_param */
	struct pid *target;		/* reference to the target, NULL if none */
	int pid_param;			/* module parameter; follows IOCTL_SET_PID */
	unsigned int max_runs;		/* module parameter; 0 = no limit */
	struct miscdevice misc;
} pt = {
	.max_runs = 100000,
	.misc = {
		.minor	= MISC_DYNAMIC_MINOR,
		.name	= "pagetable",
		.fops	= &pt_fops,
		.mode	= 0600,
	},
};

module_param_named(pid, pt.pid_param, int, 0444);
MODULE_PARM_DESC(pid, "target process: its mappings are dumped at load and ioctls translate its pages");
module_param_named(max_runs, pt.max_runs, uint, 0444);
MODULE_PARM_DESC(max_runs, "most map lines one dump prints (0 = no limit; default 100000)");

/* ---- dump at load ------------------------------------------------------- */

struct pt_dump {
	unsigned long va, pfn, pages;	/* run being built; pages == 0: none */
	enum ptw_level level;
	bool zero;			/* run of the shared zero page */
	unsigned long total_pages, runs;
	unsigned long skipped;		/* PTE tables that kept changing */
	pte_t *ptes;			/* PTRS_PER_PTE entries */
};

static void pt_run_flush(struct pt_dump *d)
{
	if (!d->pages)
		return;
	d->runs++;
	if (!pt.max_runs || d->runs <= pt.max_runs)
		pr_info("map va=0x%lx pa=0x%llx pages=%lu level=%s%s\n", d->va,
			(unsigned long long)PFN_PHYS(d->pfn), d->pages,
			ptw_level_name(d->level), d->zero ? " zero=1" : "");
	else if (d->runs == (unsigned long)pt.max_runs + 1)
		pr_info("dump_truncated max_runs=%u\n", pt.max_runs);
	d->pages = 0;
}

/*
 * Extend the current run when VA and PFN both continue it at the same
 * level. Zero-page PTEs all share one frame: they form runs of their own
 * (zero=1) so a read-only touched buffer does not cost a line per page.
 */
static void pt_run_add(struct pt_dump *d, unsigned long va, unsigned long pfn,
		       unsigned long n, enum ptw_level level, bool zero)
{
	d->total_pages += n;
	if (d->pages && d->level == level && d->zero == zero &&
	    va == d->va + d->pages * PAGE_SIZE &&
	    (zero ? pfn == d->pfn : pfn == d->pfn + d->pages)) {
		d->pages += n;
		return;
	}
	pt_run_flush(d);
	d->va = va;
	d->pfn = pfn;
	d->pages = n;
	d->level = level;
	d->zero = zero;
}

/*
 * Copy the PTEs of [addr, end). A table replaced meanwhile (collapse,
 * reclaim) is read once more from the new PMD value, then skipped: never spin.
 */
static bool pt_read_ptes(struct mm_struct *mm, pmd_t *pmdp, unsigned long addr,
			 unsigned long end, struct pt_dump *d)
{
	pmd_t pmdv;
	int tries;

	for (tries = 0; tries < 2; tries++) {
		pmdv = READ_ONCE(*pmdp);
		if (!pmd_present(pmdv) || pmd_leaf(pmdv) || pmd_bad(pmdv))
			break;
		if (ptw_read_ptes(mm, pmdp, pmdv, addr, end, d->ptes))
			return true;
	}
	d->skipped++;
	return false;
}

/* [addr, end) lies within one VMA; called under mmap_read_lock. */
static void pt_dump_range(struct mm_struct *mm, unsigned long addr,
			  unsigned long end, struct pt_dump *d)
{
	unsigned long next, i, n, pfn;
	pmd_t *pmdp;
	pud_t pudv;
	pmd_t pmdv;
	pte_t ptev;

	for (; addr < end; addr = next) {
		next = pmd_addr_end(addr, end);
		n = (next - addr) >> PAGE_SHIFT;
		switch (ptw_descend(mm, addr, &pudv, &pmdp)) {
		case PTW_PUD_LEAF:
			pfn = pud_pfn(pudv) + ((addr & ~PUD_MASK) >> PAGE_SHIFT);
			pt_run_add(d, addr, pfn, n, PTW_PUD, false);
			continue;
		case PTW_AT_PMD:
			break;
		default:
			continue;
		}
		pmdv = READ_ONCE(*pmdp);
		if (!pmd_present(pmdv))
			continue;
		if (pmd_leaf(pmdv)) {
			pfn = pmd_pfn(pmdv) + ((addr & ~PMD_MASK) >> PAGE_SHIFT);
			pt_run_add(d, addr, pfn, n, PTW_PMD, false);
			continue;
		}
		if (pmd_bad(pmdv))
			continue;
		/* Copy under the lock, print without it. */
		if (!pt_read_ptes(mm, pmdp, addr, next, d))
			continue;
		for (i = 0; i < n; i++) {
			ptev = d->ptes[i];
			if (!pte_present(ptev))
				continue;
			pfn = pte_pfn(ptev);
			pt_run_add(d, addr + i * PAGE_SIZE, pfn, 1, PTW_PTE,
				   is_zero_pfn(pfn));
		}
		cond_resched();
	}
}

static int pt_dump(struct pid *pid)
{
	struct pt_dump d = { .pages = 0 };
	char comm[TASK_COMM_LEN];
	struct vm_area_struct *vma;
	struct task_struct *task;
	struct mm_struct *mm;
	unsigned int vmas = 0;
	int ret = 0;

	task = get_pid_task(pid, PIDTYPE_PID);
	if (!task)
		return -ESRCH;
	get_task_comm(comm, task);
	mm = get_task_mm(task);
	put_task_struct(task);
	if (!mm)
		return -EINVAL;	/* a kernel thread or an exiting task */
	d.ptes = kmalloc_array(PTRS_PER_PTE, sizeof(*d.ptes), GFP_KERNEL);
	if (!d.ptes) {
		ret = -ENOMEM;
		goto out_mmput;
	}

	pr_info("dump begin pid=%d comm=%s\n", pid_nr(pid), comm);
	mmap_read_lock(mm);
	for (vma = find_vma(mm, 0); vma; vma = find_vma(mm, vma->vm_end)) {
		vmas++;
		pt_dump_range(mm, vma->vm_start, vma->vm_end, &d);
	}
	mmap_read_unlock(mm);
	pt_run_flush(&d);
	if (d.skipped)
		pr_info("dump_skipped tables=%lu\n", d.skipped);
	pr_info("dump end pid=%d vmas=%u pages=%lu runs=%lu\n", pid_nr(pid),
		vmas, d.total_pages, d.runs);

	kfree(d.ptes);
out_mmput:
	mmput(mm);
	return ret;
}

/* ---- /dev/pagetable ----------------------------------------------------- */

/* Translate virtual page @vpn of the target. 0 or -ESRCH/-EINVAL/-EINTR. */
static int pt_lookup(unsigned long vpn, struct ptw_result *r, bool *no_vma)
{
	struct vm_area_struct *vma;
	struct task_struct *task;
	struct mm_struct *mm;
	unsigned long va;
	struct pid *pid;
	int ret = 0;

	if (vpn >= (TASK_SIZE_MAX >> PAGE_SHIFT))
		return -EINVAL;
	va = vpn << PAGE_SHIFT;

	mutex_lock(&pt.lock);
	pid = get_pid(pt.target);
	mutex_unlock(&pt.lock);
	if (!pid)
		return -ESRCH;
	task = get_pid_task(pid, PIDTYPE_PID);
	if (!task) {
		ret = -ESRCH;
		goto out_put_pid;
	}
	mm = get_task_mm(task);
	put_task_struct(task);
	if (!mm) {
		ret = -ESRCH;
		goto out_put_pid;
	}
	if (mmap_read_lock_killable(mm)) {
		ret = -EINTR;
		goto out_mmput;
	}
	vma = find_vma(mm, va);
	*no_vma = !vma || va < vma->vm_start;
	if (*no_vma) {
		memset(r, 0, sizeof(*r));
		r->level = PTW_NONE;
	} else {
		ptw_translate(mm, va, r);
	}
	mmap_read_unlock(mm);

out_mmput:
	mmput(mm);
out_put_pid:
	put_pid(pid);
	return ret;
}

static long pt_get_pfn(unsigned long vpn)
{
	struct ptw_result r;
	bool no_vma;
	int ret;

	ret = pt_lookup(vpn, &r, &no_vma);
	if (ret)
		return ret;
	if (r.level == PTW_NONE)
		return -ENOENT;
	if (r.pfn > INT_MAX)
		return -EOVERFLOW;
	return r.pfn;
}

static long pt_get_pfn_ex(struct pagetable_pfn_ex __user *uarg)
{
	struct pagetable_pfn_ex ex;
	struct ptw_result r;
	bool no_vma;
	int ret;

	if (copy_from_user(&ex, uarg, sizeof(ex)))
		return -EFAULT;
	ret = pt_lookup(ex.vpn, &r, &no_vma);
	if (ret)
		return ret;
	ex.pfn = 0;
	ex.flags = 0;
	ex.level = PAGETABLE_LEVEL_NONE;
	if (r.level != PTW_NONE) {
		ex.pfn = r.pfn;
		ex.flags |= PAGETABLE_F_PRESENT;
		ex.level = r.level == PTW_PUD ? PAGETABLE_LEVEL_PUD :
			   r.level == PTW_PMD ? PAGETABLE_LEVEL_PMD :
			   PAGETABLE_LEVEL_PTE;
		if (r.level != PTW_PTE)
			ex.flags |= PAGETABLE_F_HUGE;
	}
	if (r.zero)
		ex.flags |= PAGETABLE_F_ZERO;
	if (r.writable)
		ex.flags |= PAGETABLE_F_WRITABLE;
	if (r.dirty)
		ex.flags |= PAGETABLE_F_DIRTY;
	if (r.young)
		ex.flags |= PAGETABLE_F_YOUNG;
	if (r.swap)
		ex.flags |= PAGETABLE_F_SWAP;
	if (no_vma)
		ex.flags |= PAGETABLE_F_NO_VMA;
	if (copy_to_user(uarg, &ex, sizeof(ex)))
		return -EFAULT;
	return 0;
}

static long pt_set_pid(int __user *uarg)
{
	struct pid *pid = NULL, *old;
	int nr;

	if (get_user(nr, uarg))
		return -EFAULT;
	if (nr < 0)
		return -EINVAL;
	if (nr) {
		pid = find_get_pid(nr);
		if (!pid)
			return -ESRCH;
	}
	mutex_lock(&pt.lock);
	old = pt.target;
	pt.target = pid;
	pt.pid_param = nr;
	mutex_unlock(&pt.lock);
	put_pid(old);
	pr_info("target pid=%d\n", nr);
	return 0;
}

static long pt_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	switch (cmd) {
	case IOCTL_GET_PFN:
		return pt_get_pfn(arg);
	case IOCTL_GET_PFN_EX:
		return pt_get_pfn_ex((struct pagetable_pfn_ex __user *)arg);
	case IOCTL_SET_PID:
		return pt_set_pid((int __user *)arg);
	default:
		return -ENOTTY;
	}
}

static int pt_open(struct inode *inode, struct file *file)
{
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	return 0;
}

static int __init pt_init(void)
{
	int ret;

	mutex_init(&pt.lock);
	if (pt.pid_param < 0)
		return -EINVAL;
	if (pt.pid_param) {
		pt.target = find_get_pid(pt.pid_param);
		if (!pt.target) {
			pr_err("no process with pid=%d\n", pt.pid_param);
			return -ESRCH;
		}
		ret = pt_dump(pt.target);
		if (ret) {
			pr_err("dump of pid=%d failed err=%d\n", pt.pid_param, ret);
			goto out_put_target;
		}
	}
	ret = misc_register(&pt.misc);
	if (ret)
		goto out_put_target;
	return 0;

out_put_target:
	put_pid(pt.target);
	return ret;
}

static void __exit pt_exit(void)
{
	misc_deregister(&pt.misc);
	put_pid(pt.target);
}

module_init(pt_init);
module_exit(pt_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Dump a process's VA->PA mappings; VPN->PFN via ioctl on /dev/pagetable");

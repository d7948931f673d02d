// SPDX-License-Identifier: GPL-2.0
/*
 * pagetable - dump every VA->PA mapping of a process (module parameter pid)
 * to the kernel log as contiguous runs, and translate virtual page numbers of
 * that process through ioctls on /dev/pagetable. Formats and errnos are in
 * README.md; the ioctl numbers live in pagetable_ioctl.h only.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/delay.h>
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
#include <linux/vmalloc.h>

#include "ptwalk.h"
#include "pagetable_ioctl.h"

static long pt_ioctl(struct file *file, unsigned int cmd, unsigned long arg);
static int pt_open(struct inode *inode, struct file *file);

static const struct file_operations pt_fops = {
	.owner		= THIS_MODULE,
	.open		= pt_open,
	.unlocked_ioctl	= pt_ioctl,
	/* Same layout for 32-bit callers; compat_ptr() widens the argument. */
	.compat_ioctl	= compat_ptr_ioctl,
};

/* All module state. */
static struct pt_state {
	struct mutex lock;		/* guards target and pid_param */
	struct pid *target;		/* reference to the target, NULL if none */
	int pid_param;			/* module parameter; follows IOCTL_SET_PID */
	unsigned int max_runs;		/* module parameter; 0 = no limit */
	unsigned int race_delay_us;	/* module parameter; test hook */
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
module_param_named(race_delay_us, pt.race_delay_us, uint, 0444);
MODULE_PARM_DESC(race_delay_us, "test hook: sleep between the dump's read of a PMD and its locked read of the PTE table (0 = none, at most 10000)");

/* ---- dump at load ------------------------------------------------------- */

/*
 * The map lines wait here until the mmap lock is dropped: printk to a slow
 * console must not hold up the target's page faults and mmaps. Room is kept
 * for a whole PTE table (one line per page at worst) before each PMD entry.
 */
#define PT_DUMP_LINES	1024

/* A map line, or (skip) a VMA left out: va..va + pages * 4 KiB. */
struct pt_line {
	unsigned long va, pfn, pages;
	enum ptw_level level;
	bool zero, skip;
};

struct pt_dump {
	struct mm_struct *mm;
	unsigned long va, pfn, pages;	/* run being built; pages == 0: none */
	enum ptw_level level;
	bool zero;			/* run of the shared zero page */
	unsigned long total_pages, runs;
	unsigned long skipped;		/* PTE tables that kept changing */
	unsigned long became_thp;	/* PTE tables a THP replaced meanwhile */
	unsigned int vmas;		/* VMAs walked to their end */
	unsigned int skipped_vmas;	/* hugetlb VMAs, not walked */
	unsigned long skipped_pages;	/* their size */
	unsigned long next;		/* where the next locked pass starts */
	bool truncated, truncated_logged;
	pte_t *ptes;			/* PTRS_PER_PTE entries */
	struct pt_line *lines;		/* PT_DUMP_LINES, printed unlocked */
	unsigned int nlines;
};

/* Print the buffered lines; called without the mmap lock. */
static void pt_dump_drain(struct pt_dump *d)
{
	const struct pt_line *l;
	unsigned int i;

	for (i = 0; i < d->nlines; i++) {
		l = &d->lines[i];
		if (l->skip)
			pr_info("dump_skipped_vma va=0x%lx end=0x%lx pages=%lu reason=hugetlb\n",
				l->va, l->va + l->pages * PAGE_SIZE, l->pages);
		else
			pr_info("map va=0x%lx pa=0x%llx pages=%lu level=%s%s\n",
				l->va, (unsigned long long)PFN_PHYS(l->pfn),
				l->pages, ptw_level_name(l->level),
				l->zero ? " zero=1" : "");
		cond_resched();
	}
	d->nlines = 0;
	if (d->truncated && !d->truncated_logged) {
		pr_info("dump_truncated max_runs=%u\n", pt.max_runs);
		d->truncated_logged = true;
	}
}

static void pt_run_flush(struct pt_dump *d)
{
	if (!d->pages)
		return;
	d->runs++;
	if (!pt.max_runs || d->runs <= pt.max_runs)
		d->lines[d->nlines++] = (struct pt_line) {
			.va = d->va, .pfn = d->pfn, .pages = d->pages,
			.level = d->level, .zero = d->zero,
		};
	else
		d->truncated = true;
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

static bool pt_dump_pud_leaf(pud_t pudv, unsigned long addr,
			     unsigned long end, void *priv)
{
	struct pt_dump *d = priv;

	if (d->nlines >= PT_DUMP_LINES)
		return false;
	pt_run_add(d, addr, pud_pfn(pudv) + ((addr & ~PUD_MASK) >> PAGE_SHIFT),
		   (end - addr) >> PAGE_SHIFT, PTW_PUD, false);
	return true;
}

/*
 * [addr, end) lies within one PMD entry and one VMA. The PTEs are copied
 * under their table's lock and worked on without it. A table replaced
 * meanwhile (collapse to a THP, reclaim) is read once more from the new PMD
 * value, whatever it now holds, then skipped: never spin.
 */
static bool pt_dump_pmd(pmd_t *pmdp, unsigned long addr, unsigned long end,
			void *priv)
{
	unsigned long i, n = (end - addr) >> PAGE_SHIFT, pfn;
	struct pt_dump *d = priv;
	pmd_t pmdv;
	pte_t ptev;
	int tries;

	if (PT_DUMP_LINES - d->nlines < PTRS_PER_PTE)
		return false;
	for (tries = 0; tries < 2; tries++) {
		pmdv = READ_ONCE(*pmdp);
		if (!pmd_present(pmdv))
			return true;
		/* A THP PMD looks bad to pmd_bad(): test for the leaf first. */
		if (pmd_leaf(pmdv)) {
			pfn = pmd_pfn(pmdv) + ((addr & ~PMD_MASK) >> PAGE_SHIFT);
			pt_run_add(d, addr, pfn, n, PTW_PMD, false);
			d->became_thp += tries;
			return true;
		}
		if (pmd_bad(pmdv))
			return true;
		/*
		 * Test hook: widens the window in which the table can be
		 * replaced, so a test meets the retry (ModulesIT, thpflip).
		 */
		if (!tries && pt.race_delay_us)
			fsleep(min(pt.race_delay_us, 10000U));
		if (ptw_read_ptes(d->mm, pmdp, pmdv, addr, end, d->ptes))
			break;
	}
	if (tries == 2) {
		d->skipped++;
		return true;
	}
	for (i = 0; i < n; i++) {
		ptev = d->ptes[i];
		if (!pte_present(ptev))
			continue;
		pfn = pte_pfn(ptev);
		pt_run_add(d, addr + i * PAGE_SIZE, pfn, 1, PTW_PTE,
			   is_zero_pfn(pfn));
	}
	return true;
}

static const struct ptw_walk_ops pt_dump_ops = {
	.pud_leaf	= pt_dump_pud_leaf,
	.pmd_entry	= pt_dump_pmd,
};

/* Note a hugetlb VMA as skipped; false when the line buffer is full. */
static bool pt_dump_skip(struct pt_dump *d, struct vm_area_struct *vma)
{
	unsigned long start = max(d->next, vma->vm_start);

	/* Room for the pending run and this line. */
	if (PT_DUMP_LINES - d->nlines < 2)
		return false;
	pt_run_flush(d);
	d->lines[d->nlines++] = (struct pt_line) {
		.va = start, .pages = (vma->vm_end - start) >> PAGE_SHIFT,
		.skip = true,
	};
	d->skipped_vmas++;
	d->skipped_pages += (vma->vm_end - start) >> PAGE_SHIFT;
	d->next = vma->vm_end;
	return true;
}

/*
 * One pass under mmap_read_lock, from d->next on, until every VMA is walked
 * (true) or the line buffer is full (false; d->next is where to go on).
 */
static bool pt_dump_pass(struct pt_dump *d)
{
	struct vm_area_struct *vma;
	unsigned long stop;

	for (vma = find_vma(d->mm, d->next); vma;
	     vma = find_vma(d->mm, vma->vm_end)) {
		if (ptw_vma_skipped(vma)) {
			if (!pt_dump_skip(d, vma))
				return false;
			continue;
		}
		stop = ptw_walk(d->mm, max(d->next, vma->vm_start),
				vma->vm_end, &pt_dump_ops, d);
		d->next = stop;
		if (stop != vma->vm_end)
			return false;
		d->vmas++;
		cond_resched();
	}
	return true;
}

static int pt_dump(struct pid *pid)
{
	struct pt_dump d = { .pages = 0 };
	char comm[TASK_COMM_LEN];
	struct task_struct *task;
	bool done = false;
	int ret = 0;

	task = get_pid_task(pid, PIDTYPE_PID);
	if (!task)
		return -ESRCH;
	get_task_comm(comm, task);
	d.mm = get_task_mm(task);
	put_task_struct(task);
	if (!d.mm)
		return -EINVAL;	/* a kernel thread or an exiting task */
	d.ptes = kmalloc_array(PTRS_PER_PTE, sizeof(*d.ptes), GFP_KERNEL);
	d.lines = kvmalloc_array(PT_DUMP_LINES, sizeof(*d.lines), GFP_KERNEL);
	if (!d.ptes || !d.lines) {
		ret = -ENOMEM;
		goto out_free;
	}

	pr_info("dump begin pid=%d comm=%s\n", pid_nr(pid), comm);
	/*
	 * Walk under the lock, print without it. Between passes the target
	 * may change its mappings; each pass goes on at the first VMA at or
	 * above where the last one stopped.
	 */
	while (!done) {
		if (mmap_read_lock_killable(d.mm)) {
			ret = -EINTR;
			goto out_free;
		}
		done = pt_dump_pass(&d);
		mmap_read_unlock(d.mm);
		pt_dump_drain(&d);
	}
	pt_run_flush(&d);
	pt_dump_drain(&d);
	if (d.skipped)
		pr_info("dump_skipped tables=%lu\n", d.skipped);
	if (d.became_thp)
		pr_info("dump_reread tables=%lu now=pmd\n", d.became_thp);
	if (d.skipped_vmas)
		pr_info("dump_skipped_vmas vmas=%u pages=%lu reason=hugetlb\n",
			d.skipped_vmas, d.skipped_pages);
	pr_info("dump end pid=%d vmas=%u pages=%lu runs=%lu\n", pid_nr(pid),
		d.vmas, d.total_pages, d.runs);

out_free:
	kvfree(d.lines);
	kfree(d.ptes);
	mmput(d.mm);
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

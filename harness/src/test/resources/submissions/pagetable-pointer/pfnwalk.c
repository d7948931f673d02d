#include <linux/module.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/sched/mm.h>
#include <linux/uaccess.h>
#include "pfn_ioctl.h"

static int target_pid = -1;
module_param(target_pid, int, 0444);
MODULE_PARM_DESC(target_pid, "the process whose pages are translated");

static int major;

/* The PFN mapped at va in mm, 0 when none; mmap lock held. */
static unsigned long lookup(struct mm_struct *mm, unsigned long va)
{
	pgd_t *pgd = pgd_offset(mm, va);
	p4d_t *p4d;
	pud_t *pud;
	pmd_t *pmd;
	pte_t *pte;
	unsigned long pfn = 0;

	if (pgd_none(*pgd) || pgd_bad(*pgd))
		return 0;
	p4d = p4d_offset(pgd, va);
	if (p4d_none(*p4d) || p4d_bad(*p4d))
		return 0;
	pud = pud_offset(p4d, va);
	if (pud_none(*pud))
		return 0;
	if (pud_leaf(*pud))
		return pud_pfn(*pud) + ((va & ~PUD_MASK) >> PAGE_SHIFT);
	if (pud_bad(*pud))
		return 0;
	pmd = pmd_offset(pud, va);
	if (pmd_none(*pmd))
		return 0;
	if (pmd_leaf(*pmd))
		return pmd_pfn(*pmd) + ((va & ~PMD_MASK) >> PAGE_SHIFT);
	if (pmd_bad(*pmd))
		return 0;
	pte = pte_offset_map(pmd, va);
	if (!pte)
		return 0;
	if (pte_present(*pte))
		pfn = pte_pfn(*pte);
	pte_unmap(pte);
	return pfn;
}

static struct mm_struct *target_mm(void)
{
	struct task_struct *task;
	struct mm_struct *mm;

	task = get_pid_task(find_vpid(target_pid), PIDTYPE_PID);
	if (!task)
		return NULL;
	mm = get_task_mm(task);
	put_task_struct(task);
	return mm;
}

static long pfn_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct mm_struct *mm;
	unsigned long vpn, pfn;

	if (cmd != PFN_IOC_GET)
		return -ENOTTY;
	if (copy_from_user(&vpn, (void __user *)arg, sizeof(vpn)))
		return -EFAULT;
	if (vpn >= TASK_SIZE_MAX >> PAGE_SHIFT)
		return -EINVAL;
	mm = target_mm();
	if (!mm)
		return -ESRCH;
	mmap_read_lock(mm);
	pfn = lookup(mm, vpn << PAGE_SHIFT);
	mmap_read_unlock(mm);
	mmput(mm);
	if (copy_to_user((void __user *)arg, &pfn, sizeof(pfn)))
		return -EFAULT;
	return 0;
}

static const struct file_operations pfn_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = pfn_ioctl,
};

static int __init pfnwalk_init(void)
{
	struct mm_struct *mm = target_mm();
	struct vm_area_struct *vma;
	unsigned long va, pfn;

	if (!mm)
		return -ESRCH;
	mmap_read_lock(mm);
	{
		VMA_ITERATOR(vmi, mm, 0);

		for_each_vma(vmi, vma) {
			for (va = vma->vm_start; va < vma->vm_end; va += PAGE_SIZE) {
				pfn = lookup(mm, va);
				if (pfn)
					pr_info("pfnwalk: VA 0x%lx -> PA 0x%lx\n", va, pfn << PAGE_SHIFT);
			}
			cond_resched();
		}
	}
	mmap_read_unlock(mm);
	mmput(mm);
	major = register_chrdev(0, PFN_DEVICE_NAME, &pfn_fops);
	if (major < 0)
		return major;
	pr_info("pfnwalk: major %d: mknod " PFN_DEVICE_FILE " c %d 0\n", major, major);
	return 0;
}

static void __exit pfnwalk_exit(void)
{
	unregister_chrdev(major, PFN_DEVICE_NAME);
}

module_init(pfnwalk_init);
module_exit(pfnwalk_exit);
MODULE_LICENSE("GPL");

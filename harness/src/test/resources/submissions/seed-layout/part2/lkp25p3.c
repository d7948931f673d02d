#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/ktime.h>

MODULE_LICENSE("GPL");

static struct proc_dir_entry *ent;

static unsigned long walk(struct mm_struct *mm, unsigned long va)
{
	pgd_t *pgd = pgd_offset(mm, va);
	p4d_t *p4d;
	pud_t *pud;
	pmd_t *pmd;
	pte_t *pte;
	unsigned long pa = 0;

	if (pgd_none(*pgd))
		return 0;
	p4d = p4d_offset(pgd, va);
	pud = pud_offset(p4d, va);
	pmd = pmd_offset(pud, va);
	pte = pte_offset_map(pmd, va);
	if (pte && pte_present(*pte))
		pa = (pte_pfn(*pte) << PAGE_SHIFT) | (va & ~PAGE_MASK);
	if (pte)
		pte_unmap(pte);
	return pa;
}

static ssize_t lkp_write(struct file *f, const char __user *buf, size_t len, loff_t *off)
{
	char kbuf[32];
	unsigned long va, pa;
	ktime_t t0;

	if (len >= sizeof(kbuf) || copy_from_user(kbuf, buf, len))
		return -EINVAL;
	kbuf[len] = 0;
	if (kstrtoul(kbuf, 0, &va))
		return -EINVAL;
	t0 = ktime_get();
	pa = walk(current->mm, va);
	printk(KERN_INFO "[lkp25p3] VA: 0x%lx -> PA: 0x%lx | Latency: %lld ns\n",
	       va, pa, ktime_to_ns(ktime_sub(ktime_get(), t0)));
	return len;
}

static const struct proc_ops lkp_ops = {
	.proc_write = lkp_write,
};

static int __init lkp_init(void)
{
	ent = proc_create("lkp25p3", 0666, NULL, &lkp_ops);
	return ent ? 0 : -ENOMEM;
}

static void __exit lkp_exit(void)
{
	proc_remove(ent);
}

module_init(lkp_init);
module_exit(lkp_exit);

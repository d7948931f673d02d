#include <linux/init.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>
#include <linux/mm.h>
#include <linux/sched/mm.h>

static const char proc_name[] = "lkp25p3";
static struct proc_dir_entry *entry;

/* old interface, kept for reference:
 * entry = proc_create("lkp25p3_old", 0666, NULL, &old_fops);
 */
static void dump_vmas(void)
{
	struct task_struct *init = pid_task(find_vpid(1), PIDTYPE_PID);
	struct mm_struct *mm = get_task_mm(init);
	struct vm_area_struct *vma;
	VMA_ITERATOR(vmi, mm, 0);
	int i = 1;

	if (!mm)
		return;
	mmap_read_lock(mm);
	for_each_vma(vmi, vma)
		pr_info("VMA%d: [0x%08lx - 0x%08lx] (size: %lu KB)\n", i++, vma->vm_start, vma->vm_end,
			(vma->vm_end - vma->vm_start) >> 10);
	mmap_read_unlock(mm);
	mmput(mm);
}

static ssize_t lkp_write(struct file *f, const char __user *u, size_t n, loff_t *o)
{
	char b[24];
	unsigned long va;

	if (n >= sizeof(b) || copy_from_user(b, u, n))
		return -EINVAL;
	b[n] = 0;
	if (kstrtoul(b, 0, &va))
		return -EINVAL;
	if (va == 0)
		dump_vmas();
	return n;
}

static const struct proc_ops lkp_fops = {
	.proc_write = lkp_write,
};

static int __init lkp_init(void)
{
	entry = proc_create_data(proc_name, 0666, NULL, &lkp_fops, NULL);
	return entry ? 0 : -ENOMEM;
}

static void __exit lkp_exit(void)
{
	proc_remove(entry);
}

module_init(lkp_init);
module_exit(lkp_exit);
MODULE_LICENSE("GPL");

#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>
#include <linux/ktime.h>
#include <linux/sched.h>
#include "lkp.h"

static struct proc_dir_entry *proc_entry;

static ssize_t proc_write(struct file *file, const char __user *ubuf, size_t count, loff_t *ppos)
{
	char buf[64] = {0};
	unsigned long va, pa;
	u64 start, end;

	if (count > sizeof(buf) - 1)
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	if (kstrtoul(strim(buf), 16, &va))
		return -EINVAL;
	start = ktime_get_ns();
	pa = lkp_translate(current->mm, va);
	end = ktime_get_ns();
	pr_info("[lkp25p3] VA: 0x%lx -> PA: 0x%lx | Latency: %llu us\n", va, pa, (end - start) / 1000);
	return count;
}

static const struct proc_ops fops = {
	.proc_write = proc_write,
};

static int __init x_init(void)
{
	proc_entry = proc_create(PROC_NAME, 0666, NULL, &fops);
	if (!proc_entry)
		return -ENOMEM;
	pr_info("[lkp25p3] loaded\n");
	return 0;
}

static void __exit x_exit(void)
{
	proc_remove(proc_entry);
}

module_init(x_init);
module_exit(x_exit);
MODULE_LICENSE("GPL");

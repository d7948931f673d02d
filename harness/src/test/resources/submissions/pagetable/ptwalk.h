#ifndef PTWALK_H
#define PTWALK_H
#include <linux/ioctl.h>

#define DEVICE_NAME "ptwalker"
#define DEVICE_PATH "/dev/ptwalker"
#define IOCTL_GET_PFN _IOWR('p', 1, unsigned long)
#endif

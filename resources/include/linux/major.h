/* Models include/uapi/linux/major.h: well-known major numbers. */
#ifndef _LINUX_MAJOR_H
#define _LINUX_MAJOR_H
#define UNNAMED_MAJOR		0
#define MEM_MAJOR		1
#define TTY_MAJOR		4
#define TTYAUX_MAJOR		5
#define LP_MAJOR		6
#define LOOP_MAJOR		7
#define SCSI_DISK0_MAJOR	8
#define MISC_MAJOR		10
#define INPUT_MAJOR		13
#define SOUND_MAJOR		14
#define FB_MAJOR		29
#define BLOCK_EXT_MAJOR		259
#endif

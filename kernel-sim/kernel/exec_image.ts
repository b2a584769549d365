// Models the point of no return of linux/fs/exec.c: unwinding the old program once execve has replaced the image.

/** Thrown by a successful execve to unwind the old image's code; the task then runs task.next_entry. */
export class ExecImage {}

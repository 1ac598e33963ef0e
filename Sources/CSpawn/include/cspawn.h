#ifndef CNNVIZ_CSPAWN_H
#define CNNVIZ_CSPAWN_H

#include <sys/types.h>

/// Creates a pipe whose two ends are close-on-exec (so no other child inherits them).
/// Returns 0, or -1 with errno set.
int cnnviz_pipe(int fds[2]);

/// Starts the program at `path` (an absolute or relative path; no PATH search) with the
/// NULL-terminated `argv`, its standard input, output and error being `in_fd`, `out_fd` and
/// `err_fd`. In the child, before exec:
/// - it gets its own process group (a terminal's Ctrl-C reaches only cnnviz, which ends it);
/// - every signal is back at its default action and none is blocked (cnnviz ignores SIGPIPE
///   and routes SIGINT/SIGTERM elsewhere; a child must not inherit that);
/// - on Linux, PR_SET_PDEATHSIG makes the kernel send it SIGKILL when the thread that called
///   this function dies, so it cannot outlive cnnviz even when cnnviz is SIGKILLed or aborts.
///   (The caller must keep that thread alive while the child runs: cnnviz waits for its
///   children on the thread that started them.) If the parent is already gone it exits;
/// - every other file descriptor is closed.
/// Returns the child's pid, or -1 with `*failure` set to the errno of the failed fork or exec.
pid_t cnnviz_spawn(const char *path, char *const argv[], int in_fd, int out_fd, int err_fd, int *failure);

#endif

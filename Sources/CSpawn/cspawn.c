#define _GNU_SOURCE
#include "cspawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#include <sys/syscall.h>
#endif

int cnnviz_pipe(int fds[2]) {
#ifdef __linux__
    return pipe2(fds, O_CLOEXEC);
#else
    if (pipe(fds) != 0) return -1;
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    return 0;
#endif
}

/// Closes every descriptor from `lowest` up (async-signal-safe: only system calls).
static void close_from(int lowest) {
#if defined(__linux__) && defined(SYS_close_range)
    if (syscall(SYS_close_range, (unsigned)lowest, ~0U, 0U) == 0) return;
#endif
    struct rlimit limit;
    int top = 65536;
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < 65536) {
        top = (int)limit.rlim_cur;
    }
    for (int fd = lowest; fd < top; fd++) close(fd);
}

/// Everything the child does between fork and exec. Only async-signal-safe calls: the parent
/// has many threads, and any lock one of them held at fork time stays locked here forever.
static void run_child(pid_t parent, const char *path, char *const argv[], int in_fd, int out_fd, int err_fd,
                      int report_fd) {
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    // The parent may have died between fork and prctl; then nothing would ever signal us.
    if (getppid() != parent) _exit(127);
#else
    (void)parent;
#endif
    setpgid(0, 0);
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    for (int number = 1; number < NSIG; number++) {
        if (number != SIGKILL && number != SIGSTOP) sigaction(number, &fallback, NULL);
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);

    // The three standard streams; dup2 clears close-on-exec on the copies.
    if (dup2(in_fd, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(err_fd, 2) < 0) goto failed;
    // Keep the report pipe (close-on-exec, so a successful exec closes it) as descriptor 3.
    if (report_fd != 3) {
        if (dup2(report_fd, 3) < 0) goto failed;
        report_fd = 3;
    }
    fcntl(report_fd, F_SETFD, FD_CLOEXEC);
    close_from(4);
    execv(path, argv);
failed:;
    int reason = errno;
    ssize_t ignored = write(report_fd, &reason, sizeof reason);
    (void)ignored;
    _exit(127);
}

pid_t cnnviz_spawn(const char *path, char *const argv[], int in_fd, int out_fd, int err_fd, int *failure) {
    int report[2];
    if (cnnviz_pipe(report) != 0) {
        *failure = errno;
        return -1;
    }
    pid_t parent = getpid();
    pid_t child = fork();
    if (child < 0) {
        *failure = errno;
        close(report[0]);
        close(report[1]);
        return -1;
    }
    if (child == 0) run_child(parent, path, argv, in_fd, out_fd, err_fd, report[1]);
    close(report[1]);
    // The child writes errno here only when exec failed; a successful exec closes the pipe.
    int reason = 0;
    ssize_t got;
    do {
        got = read(report[0], &reason, sizeof reason);
    } while (got < 0 && errno == EINTR);
    close(report[0]);
    if (got == (ssize_t)sizeof reason) {
        int status;
        while (waitpid(child, &status, 0) < 0 && errno == EINTR) {}
        *failure = reason;
        return -1;
    }
    return child;
}

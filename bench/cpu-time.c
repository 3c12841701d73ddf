/*
 * bench/run's meter of the load generator's own CPU: `cpu-time OUT COMMAND [ARGS...]` runs
 * COMMAND as its child, waits for it, and writes one line of JSON to OUT:
 *
 *   {"user_us":...,"sys_us":...,"cpu_us":...,"wall_us":...,"status":...}
 *
 * cpu_us is the child's user + system CPU time, all its threads, from the rusage that wait4
 * returns when it exits (the kernel's exact figure, no sampling, no race with the exit); wall_us
 * is the time from fork to reaping it. Exits with the child's status (128 + signal if killed).
 * Everything between fork and exec (and the wrapper's own fork and wait) is a few µs.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long micros(struct timeval tv) { return (long long)tv.tv_sec * 1000000 + tv.tv_usec; }

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: cpu-time OUT COMMAND [ARGS...]\n");
        return 2;
    }
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    pid_t pid = fork();
    if (pid < 0) {
        perror("cpu-time: fork");
        return 2;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror("cpu-time: exec");
        _exit(127);
    }
    int status;
    struct rusage usage;
    while (wait4(pid, &status, 0, &usage) < 0) {
        if (errno != EINTR) {
            perror("cpu-time: wait4");
            return 2;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    long long user = micros(usage.ru_utime), sys = micros(usage.ru_stime);
    long long wall = (long long)(end.tv_sec - start.tv_sec) * 1000000 + (end.tv_nsec - start.tv_nsec) / 1000;
    FILE *out = fopen(argv[1], "w");
    if (out == NULL || fprintf(out, "{\"user_us\":%lld,\"sys_us\":%lld,\"cpu_us\":%lld,\"wall_us\":%lld,\"status\":%d}\n",
                               user, sys, user + sys, wall, code) < 0 || fclose(out) != 0) {
        perror("cpu-time: writing OUT");
        return code ? code : 2;
    }
    return code;
}

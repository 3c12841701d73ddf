/*
 * LD_PRELOAD shim for bench/run's workloads (d) and (g): keeps wrk from busy-polling while it
 * waits for the server's half of a TLS handshake.
 *
 * wrk watches a connecting socket for readable AND writable (ae, level-triggered epoll) and
 * calls SSL_connect on either. Once the ClientHello is sent, SSL_connect wants to read, but the
 * socket stays writable, so every epoll_wait returns at once and wrk calls SSL_connect (and
 * read(2), EAGAIN) on every handshaking connection again and again: measured at 64
 * connections against a slow server, ~150 failed reads per request, and wrk's core at 100%
 * whatever the server's speed. That spinning makes wrk's CPU time say nothing about what a
 * handshake costs the client, and takes CPU from the handshakes it does make.
 *
 * This wraps SSL_connect: when it wants to read, the socket is watched for readable only
 * (EPOLL_CTL_MOD on the thread's epoll, with the data ae uses: the fd). When the handshake is
 * done, wrk adds its own events again (ae merges them with what it believes is registered,
 * readable + writable, and re-registers both), so nothing else changes. The epoll fd is the one
 * the calling thread last passed to epoll_ctl: each wrk thread has one event loop and registers
 * its connections from its own thread before any SSL_connect on them.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include <sys/epoll.h>
#include <openssl/ssl.h>

static __thread int loop_epoll_fd = -1;

static int (*real_epoll_ctl_fn(void))(int, int, int, struct epoll_event *) {
    static int (*real)(int, int, int, struct epoll_event *);
    if (real == NULL) {
        real = (int (*)(int, int, int, struct epoll_event *))dlsym(RTLD_NEXT, "epoll_ctl");
    }
    return real;
}

int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event) {
    int (*real)(int, int, int, struct epoll_event *) = real_epoll_ctl_fn();
    if (real == NULL) {
        return -1;
    }
    loop_epoll_fd = epfd;
    return real(epfd, op, fd, event);
}

int SSL_connect(SSL *ssl) {
    static int (*real_connect)(SSL *);
    if (real_connect == NULL) {
        real_connect = (int (*)(SSL *))dlsym(RTLD_NEXT, "SSL_connect");
        if (real_connect == NULL) {
            return -1;
        }
    }
    int result = real_connect(ssl);
    if (result <= 0 && loop_epoll_fd >= 0 && SSL_get_error(ssl, result) == SSL_ERROR_WANT_READ) {
        int fd = SSL_get_fd(ssl);
        int (*real)(int, int, int, struct epoll_event *) = real_epoll_ctl_fn();
        if (fd >= 0 && real != NULL) {
            struct epoll_event event = {0};
            event.events = EPOLLIN;
            event.data.fd = fd;
            real(loop_epoll_fd, EPOLL_CTL_MOD, fd, &event);
        }
    }
    return result;
}

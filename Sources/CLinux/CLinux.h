// Linux interfaces that Glibc's Swift module does not cover: the HTTP server's event loop needs
// epoll (readiness), eventfd (cross-thread wake-ups) and accept4 (accept non-blocking and close-on-exec
// in one call; glibc declares it only under _GNU_SOURCE, which the Glibc module is built without).
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

extern int accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);

/*
 * LD_PRELOAD shim for bench/run's workload (d): makes wrk do a FULL TLS handshake on every
 * new connection.
 *
 * wrk closes a connection with SSL_shutdown + SSL_clear and reuses the same SSL object for
 * the next one; SSL_clear keeps the session, so every reconnect resumes it (nginx logs `r`
 * for 90% of the requests without this shim). A webhook's real client, the kube-apiserver (Go
 * crypto/tls without a ClientSessionCache), never resumes, so neither should the bench.
 * This wraps SSL_clear and drops the session it kept.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include <openssl/ssl.h>

int SSL_clear(SSL *ssl) {
    static int (*real_clear)(SSL *);
    if (real_clear == NULL) {
        real_clear = (int (*)(SSL *))dlsym(RTLD_NEXT, "SSL_clear");
        if (real_clear == NULL) {
            return 0;
        }
    }
    int result = real_clear(ssl);
    SSL_set_session(ssl, NULL);
    return result;
}

#ifndef COPENSSLSHIMS_H
#define COPENSSLSHIMS_H

// OpenSSL 3 spells these as macros over SSL_CTX_ctrl or SSL_OP_BIT, which Swift cannot import.
// One function or constant per macro, prefixed with the module name (the CNIOBoringSSLShims habit);
// only what the TLS module calls.

#include <stdint.h>
#include <openssl/ssl.h>

// SSL_OP_* are built with SSL_OP_BIT, so they arrive as 64-bit constants instead.
extern const uint64_t COpenSSLShims_SSL_OP_NO_RENEGOTIATION;
extern const uint64_t COpenSSLShims_SSL_OP_NO_COMPRESSION;
extern const uint64_t COpenSSLShims_SSL_OP_CIPHER_SERVER_PREFERENCE;
extern const uint64_t COpenSSLShims_SSL_OP_IGNORE_UNEXPECTED_EOF;
extern const uint64_t COpenSSLShims_SSL_OP_NO_TICKET;

// SSL_CTX_ctrl macros.
int COpenSSLShims_SSL_CTX_set_min_proto_version(SSL_CTX *context, int version);
long COpenSSLShims_SSL_CTX_set_mode(SSL_CTX *context, long mode);
int COpenSSLShims_SSL_CTX_set1_groups_list(SSL_CTX *context, const char *groups);
long COpenSSLShims_SSL_CTX_sess_set_cache_size(SSL_CTX *context, long size);
void COpenSSLShims_SSL_CTX_set_read_ahead(SSL_CTX *context, int yes);
int COpenSSLShims_SSL_CTX_add0_chain_cert(SSL_CTX *context, X509 *certificate);

// Client side (the Kubernetes API client): SNI is an SSL_ctrl macro.
long COpenSSLShims_SSL_set_tlsext_host_name(SSL *connection, const char *name);

#endif

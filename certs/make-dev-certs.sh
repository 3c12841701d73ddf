#!/usr/bin/env bash
# Makes a throwaway certificate authority and a serving certificate for trying the webhook,
# locally (https://localhost:9443) or in a cluster (antfly-restore-webhook.NAMESPACE.svc).
# Only for development: the keys are written unencrypted, and *.key, *.pem and certs/dev/ are
# git-ignored so they never reach a commit. Production certificates come from cert-manager
# (deploy/overlays/cert-manager) or your own PKI.
#
# Usage: certs/make-dev-certs.sh [--force] [--client] [NAMESPACE [OUTPUT_DIR]]
#   NAMESPACE   namespace of the in-cluster Service (default antfly-restore-webhook-system)
#   OUTPUT_DIR  where to write the files (default certs/dev, relative to the repository root)
#   --force     make everything anew, even if valid certificates exist
#   --client    also make a client certificate (client.crt, client.key) for trying mutual TLS
#
# Writes ca.crt ca.key tls.crt tls.key [client.crt client.key] into OUTPUT_DIR. It is idempotent:
# when the files exist, verify against the CA, carry the SANs asked for and stay valid for at
# least 7 more days, it changes nothing. A still-valid CA is reused when only the serving
# certificate needs renewing, so a caBundle made from it keeps working.
set -euo pipefail

service=antfly-restore-webhook
namespace=antfly-restore-webhook-system
repo_root=$(cd "$(dirname "$0")/.." && pwd)
out_dir="$repo_root/certs/dev"
force=false
client=false
ca_days=825
leaf_days=365
renew_seconds=$((7 * 24 * 3600))

usage() { sed -n '8,13p' "$0" | sed 's/^# \{0,1\}//'; }

positional=()
while [ $# -gt 0 ]; do
  case "$1" in
    --force) force=true ;;
    --client) client=true ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "make-dev-certs: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) positional+=("$1") ;;
  esac
  shift
done
if [ "${#positional[@]}" -gt 2 ]; then
  echo "make-dev-certs: too many arguments" >&2; usage >&2; exit 2
fi
[ "${#positional[@]}" -ge 1 ] && namespace=${positional[0]}
[ "${#positional[@]}" -ge 2 ] && out_dir=${positional[1]}
if ! [[ "$namespace" =~ ^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$ ]]; then
  echo "make-dev-certs: namespace \"$namespace\" is not a DNS-1123 label" >&2; exit 2
fi
command -v openssl >/dev/null || { echo "make-dev-certs: the openssl command is required" >&2; exit 2; }

dns_names=(localhost "$service" "$service.$namespace" "$service.$namespace.svc" "$service.$namespace.svc.cluster.local")
ip_addresses=(127.0.0.1 ::1)

san=""
for name in "${dns_names[@]}"; do san+="${san:+,}DNS:$name"; done
for ip in "${ip_addresses[@]}"; do san+=",IP:$ip"; done

mkdir -p "$out_dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The key matches the certificate when both yield the same public key.
key_matches() { # CERT KEY
  [ "$(openssl x509 -in "$1" -noout -pubkey 2>/dev/null)" = "$(openssl pkey -in "$2" -pubout 2>/dev/null)" ]
}

ca_is_valid() {
  [ -s "$out_dir/ca.crt" ] && [ -s "$out_dir/ca.key" ] &&
    openssl x509 -in "$out_dir/ca.crt" -noout -checkend "$renew_seconds" >/dev/null 2>&1 &&
    key_matches "$out_dir/ca.crt" "$out_dir/ca.key"
}

# A leaf is valid when it chains to the CA, is not about to expire, matches its key and names
# every SAN asked for (a different NAMESPACE argument therefore renews it).
leaf_is_valid() { # NAME [SAN...]
  local cert="$out_dir/$1.crt" key="$out_dir/$1.key" present entry
  shift
  [ -s "$cert" ] && [ -s "$key" ] || return 1
  openssl verify -CAfile "$out_dir/ca.crt" "$cert" >/dev/null 2>&1 || return 1
  openssl x509 -in "$cert" -noout -checkend "$renew_seconds" >/dev/null 2>&1 || return 1
  key_matches "$cert" "$key" || return 1
  # One SAN per line, spaces removed: "DNS:localhost", "IPAddress:127.0.0.1".
  present=$(openssl x509 -in "$cert" -noout -text | grep -A1 'Subject Alternative Name' | tail -n 1 | tr -d ' ' | tr ',' '\n')
  for entry in "$@"; do
    grep -Fxq -- "$entry" <<<"$present" || return 1
  done
}

# Keys are created readable by their owner only; certificates stay world-readable.
new_key() { # FILE
  rm -f "$1"
  (umask 077 && openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null)
}

make_ca() {
  new_key "$out_dir/ca.key"
  cat >"$work/ca.cnf" <<CNF
[req]
distinguished_name = dn
x509_extensions = v3_ca
prompt = no
[dn]
CN = antfly-restore-webhook dev CA
[v3_ca]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
CNF
  openssl req -new -x509 -sha256 -days "$ca_days" -config "$work/ca.cnf" \
    -key "$out_dir/ca.key" -out "$out_dir/ca.crt"
  echo "made CA            $out_dir/ca.crt"
}

make_leaf() { # NAME COMMON_NAME EXTENDED_KEY_USAGE [SUBJECT_ALT_NAMES]
  local name=$1 cn=$2 usage=$3 alt=${4:-}
  new_key "$out_dir/$name.key"
  {
    echo "basicConstraints = critical, CA:FALSE"
    echo "keyUsage = critical, digitalSignature"
    echo "extendedKeyUsage = $usage"
    echo "subjectKeyIdentifier = hash"
    echo "authorityKeyIdentifier = keyid"
    [ -n "$alt" ] && echo "subjectAltName = $alt"
  } >"$work/$name.ext"
  openssl req -new -sha256 -key "$out_dir/$name.key" -subj "/CN=$cn" -out "$work/$name.csr"
  openssl x509 -req -sha256 -days "$leaf_days" -in "$work/$name.csr" \
    -CA "$out_dir/ca.crt" -CAkey "$out_dir/ca.key" -set_serial "0x$(openssl rand -hex 16)" \
    -extfile "$work/$name.ext" -out "$out_dir/$name.crt" 2>/dev/null
}

renewed_ca=false
if $force || ! ca_is_valid; then
  make_ca
  renewed_ca=true
fi

leaf_sans=()
for name in "${dns_names[@]}"; do leaf_sans+=("DNS:$name"); done
leaf_sans+=("IPAddress:127.0.0.1")
if $force || $renewed_ca || ! leaf_is_valid tls "${leaf_sans[@]}"; then
  make_leaf tls "$service.$namespace.svc" serverAuth "$san"
  echo "made serving cert  $out_dir/tls.crt  ($san)"
else
  echo "kept valid certs   $out_dir (use --force to make new ones)"
fi

if $client; then
  if $force || $renewed_ca || ! leaf_is_valid client; then
    make_leaf client antfly-restore-webhook-dev-client clientAuth
    echo "made client cert   $out_dir/client.crt"
  fi
elif $renewed_ca; then
  # A client certificate from an earlier run was signed by the CA just replaced.
  rm -f "$out_dir/client.crt" "$out_dir/client.key"
fi

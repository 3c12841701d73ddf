#!/usr/bin/env bash
# Fills caBundle in the webhook configurations from a CA certificate (PEM), for the plain base
# (deploy/), where no cert-manager injects it. The API server uses caBundle to verify the webhook's
# serving certificate, so it must hold the CA that signed tls.crt (certs/dev/ca.crt from
# certs/make-dev-certs.sh, or your own CA). Two ways:
#
#   deploy/fill-ca-bundle.sh CA_FILE
#       patches the live MutatingWebhookConfiguration and ValidatingWebhookConfiguration
#       (after `kubectl apply -k deploy/`), setting caBundle on every webhook in them. A later
#       `kubectl apply -k deploy/` keeps it: the base does not set caBundle, so apply leaves the
#       live value alone.
#   deploy/fill-ca-bundle.sh --render CA_FILE [KUSTOMIZE_DIR]
#       prints KUSTOMIZE_DIR (default: deploy/) rendered by kustomize with caBundle filled in,
#       for `| kubectl apply -f -` or for committing the result to a GitOps repository
#       (it patches the first webhook of each configuration: the base has one in each).
#
# Environment: KUBECTL (default kubectl), WEBHOOK_CONFIGURATION (the configurations' name,
# default antfly-restore-webhook).
set -euo pipefail

kubectl=${KUBECTL:-kubectl}
configuration=${WEBHOOK_CONFIGURATION:-antfly-restore-webhook}
deploy_dir=$(cd "$(dirname "$0")" && pwd -P)

usage() { sed -n '7,18p' "$0" | sed 's/^# \{0,1\}//'; }
fail() { echo "fill-ca-bundle: $*" >&2; exit 2; }

render=false
case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  --render) render=true; shift ;;
  -*) fail "unknown option $1" ;;
esac
[ $# -ge 1 ] || { usage >&2; exit 2; }
ca_file=$1
[ -r "$ca_file" ] || fail "cannot read $ca_file"
grep -q -- '-----BEGIN CERTIFICATE-----' "$ca_file" || fail "$ca_file is not a PEM certificate"
ca_bundle=$(base64 <"$ca_file" | tr -d '\n')

if $render; then
  [ $# -le 2 ] || fail "too many arguments"
  target=$(cd "${2:-$deploy_dir}" && pwd -P) || fail "no such directory: ${2:-}"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  work=$(cd "$work" && pwd -P)
  # kustomize takes only relative paths to a base, and refuses a base that contains the overlay,
  # so the temporary overlay lives outside the tree and climbs to / before descending to it.
  up=""
  rest=${work#/}
  while [ -n "$rest" ]; do
    up+="../"
    case "$rest" in */*) rest=${rest#*/} ;; *) rest="" ;; esac
  done
  patch="[{\"op\": \"add\", \"path\": \"/webhooks/0/clientConfig/caBundle\", \"value\": \"$ca_bundle\"}]"
  cat >"$work/kustomization.yaml" <<YAML
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
- ${up}${target#/}
patches:
- target:
    group: admissionregistration.k8s.io
    kind: MutatingWebhookConfiguration
  patch: '$patch'
- target:
    group: admissionregistration.k8s.io
    kind: ValidatingWebhookConfiguration
  patch: '$patch'
YAML
  "$kubectl" kustomize "$work"
  exit 0
fi

[ $# -eq 1 ] || fail "too many arguments"
for kind in mutatingwebhookconfiguration validatingwebhookconfiguration; do
  count=$("$kubectl" get "$kind" "$configuration" -o jsonpath='{range .webhooks[*]}x{end}')
  [ -n "$count" ] || fail "$kind/$configuration has no webhooks; apply deploy/ first"
  operations=""
  for ((i = 0; i < ${#count}; i++)); do
    operations+="${operations:+,}{\"op\":\"add\",\"path\":\"/webhooks/$i/clientConfig/caBundle\",\"value\":\"$ca_bundle\"}"
  done
  "$kubectl" patch "$kind" "$configuration" --type=json -p "[$operations]"
done

#!/usr/bin/env bash
# Builds the libFuzzer targets into Fuzz/.build/ with `swiftc -sanitize=fuzzer,address`, straight from
# the package's sources, so the normal `swift build` never needs a fuzzing runtime.
#
#   Fuzz/build.sh [TARGET...]      TARGET: http-request-parser json-admission yaml-check api-server-response
#                                  (default: all)
#
# A module a target imports is compiled as its own static library (instrumented the same way), so
# imports and access control are exactly as in the package. The module whose internals a target drives
# is compiled into the target itself: the HTTP parser (internal to HTTPServer, whose other files need
# epoll and OpenSSL, which the parser does not), and the files of ClusterWatch that read API server
# responses (internal, and the rest of that module needs the network).
set -euo pipefail
cd "$(dirname "$0")/.."

out=Fuzz/.build
modules="$out/modules"
mkdir -p "$modules"

flags=(
  -sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6 -use-ld=lld
  -enable-upcoming-feature ExistentialAny
  -enable-upcoming-feature MemberImportVisibility
  -enable-upcoming-feature InternalImportsByDefault
  -I "$modules" -I Sources/CYAML -I Sources/COpenSSL
)

# module NAME SOURCE...: a static library plus its .swiftmodule, rebuilt when a source is newer.
module() {
  local name=$1; shift
  local library="$out/lib$name.a"
  if [ -f "$library" ] && [ -z "$(find "$@" Fuzz/build.sh -newer "$library" 2>/dev/null)" ]; then return; fi
  echo "fuzz build: module $name" >&2
  swiftc "${flags[@]}" -module-name "$name" -emit-module -emit-module-path "$modules/$name.swiftmodule" \
    -emit-library -static -o "$library" "$@"
}

# target NAME SOURCE... [-- LINKFLAGS...]
target() {
  local name=$1; shift
  local sources=() link=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do sources+=("$1"); shift; done
  [ $# -gt 0 ] && shift && link=("$@")
  local executable="$out/$name"
  if [ -f "$executable" ] && [ -z "$(find "${sources[@]}" "$out"/lib*.a Fuzz/build.sh -newer "$executable" 2>/dev/null)" ]; then return; fi
  echo "fuzz build: target $name" >&2
  swiftc "${flags[@]}" -module-name "$(echo "$name" | tr -d '-')" "${sources[@]}" -L "$out" "${link[@]}" -o "$executable"
}

build_http() {
  target http-request-parser \
    Sources/HTTPServer/{ASCII,HTTPHeaders,HTTPRequest,HTTPRequestError,HTTPVersion,ServerLimits,RequestParser}.swift \
    Fuzz/Targets/HTTPRequestParserFuzz.swift Fuzz/Targets/FuzzSupport.swift Tests/WebhookTestSupport/SplitMix64.swift
}

build_json() {
  module JSONModel Sources/JSONModel/*.swift
  module AdmissionRules Sources/AdmissionRules/*.swift
  target json-admission Fuzz/Targets/JSONAdmissionFuzz.swift Fuzz/Targets/FuzzSupport.swift Tests/WebhookTestSupport/SplitMix64.swift \
    Tests/WebhookTestSupport/JSONValue+RemovingMembers.swift -- -lAdmissionRules -lJSONModel
}

build_yaml() {
  module JSONModel Sources/JSONModel/*.swift
  module YAMLCodec Sources/YAMLCodec/*.swift
  module AdmissionRules Sources/AdmissionRules/*.swift
  module ManifestCheck Sources/ManifestCheck/*.swift
  # Static archives carry no autolink entries for the linker, so the Glibc overlay ManifestCheck uses is named.
  target yaml-check Fuzz/Targets/YAMLCheckFuzz.swift Fuzz/Targets/FuzzSupport.swift Tests/WebhookTestSupport/SplitMix64.swift -- \
    -lManifestCheck -lAdmissionRules -lYAMLCodec -lJSONModel -lyaml -lswiftGlibc
}

build_api() {
  module JSONModel Sources/JSONModel/*.swift
  # Only the TLS error type: the response-reading files name it, and the rest of TLS needs swift-log.
  module TLS Sources/TLS/TLSError.swift
  target api-server-response \
    Sources/ClusterWatch/{APIServerError,HTTPResponseHead,HTTPBodyDecoder,JSONStreamFramer,WatchEvent,ClusterListPage,ClusterReference,WatchRestartReason,StringProtocol+Trimming}.swift \
    Fuzz/Targets/APIServerResponseFuzz.swift Fuzz/Targets/FuzzSupport.swift Tests/WebhookTestSupport/SplitMix64.swift -- -lTLS -lJSONModel -lssl -lcrypto
}

targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(http-request-parser json-admission yaml-check api-server-response)
for name in "${targets[@]}"; do
  case "$name" in
    http-request-parser) build_http ;;
    json-admission) build_json ;;
    yaml-check) build_yaml ;;
    api-server-response) build_api ;;
    *) echo "unknown fuzz target: $name" >&2; exit 2 ;;
  esac
done

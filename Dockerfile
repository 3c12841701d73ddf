# syntax=docker/dockerfile:1
# Two stages: build with the official Swift image on Debian 12, run on debian:bookworm-slim. The
# Swift runtime and Foundation are linked in statically (--static-swift-stdlib), and the release link
# takes OpenSSL 3, libyaml and libstdc++ from their archives (Package.swift, staticInRelease), so what
# remains dynamic, per `ldd`, is glibc (libc, libm) and libgcc_s, all in the base image. An OpenSSL
# security update therefore means rebuilding the image, which installs Debian's current libssl-dev.
#
#   docker build -t antfly-restore-webhook:dev .
#   docker run --rm antfly-restore-webhook:dev serve --help

ARG SWIFT_VERSION=6.3
ARG DEBIAN_IMAGE=debian:bookworm-slim

FROM swift:${SWIFT_VERSION}-bookworm AS build
RUN export DEBIAN_FRONTEND=noninteractive \
    && apt-get -q update \
    && apt-get -q install -y --no-install-recommends libssl-dev libyaml-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Resolve dependencies in their own layer, so editing a source file does not fetch them again.
COPY Package.* ./
RUN swift package resolve
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --static-swift-stdlib --product antfly-restore-webhook \
    && install -D -m 0755 "$(swift build -c release --show-bin-path)/antfly-restore-webhook" \
       /staging/antfly-restore-webhook

FROM ${DEBIAN_IMAGE}
RUN export DEBIAN_FRONTEND=noninteractive \
    && apt-get -q update \
    && apt-get -q install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /staging/antfly-restore-webhook /usr/local/bin/antfly-restore-webhook
# 65532 is the "nonroot" user of distroless images and what deploy/ runs as (runAsUser: 65532).
USER 65532:65532
# 9443: HTTPS admission endpoints; 8080: plain /healthz, /readyz, /metrics.
EXPOSE 9443 8080
ENTRYPOINT ["/usr/local/bin/antfly-restore-webhook"]
CMD ["serve"]

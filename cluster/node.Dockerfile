# A Slurm node for the container-cluster tests (controller or compute): Slurm, munge, QEMU, a JRE and
# the host tools bin/host-tools.sh checks, so a node can run a campaign cell through bin/harness (git:
# the run manifest records the checkout's commit).
# FROM the locally imported mmdebstrap base (nothing is pulled); built with host networking.
ARG BASE
FROM ${BASE}
ENV DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8
# no package may start a daemon while the image builds; the node entry point starts them
RUN printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d \
 && apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends \
      slurm-wlm munge qemu-system-x86 qemu-utils default-jre-headless maven openssh-client e2fsprogs \
      util-linux procps mmdebstrap fontconfig fonts-dejavu-core ca-certificates git binutils \
 && apt-get clean && rm -rf /var/lib/apt/lists/*
COPY node-entry.sh /usr/local/sbin/ptlab-node
ENTRYPOINT ["/usr/local/sbin/ptlab-node"]

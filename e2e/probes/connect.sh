#!/usr/bin/env bash
# One TCP connection from inside a pod, reported as open, timeout (dropped, as a NetworkPolicy
# does) or failed (refused, or the name did not resolve). It needs only bash and coreutils, which
# every podtalk image has:
#   kubectl exec -i POD -- bash -s HOST PORT < e2e/probes/connect.sh
set -u
# shellcheck disable=SC2016 # the inner bash expands $1 and $2, its own arguments
if timeout 3 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null; then
  echo open
elif [ $? -eq 124 ]; then
  echo timeout
else
  echo failed
fi

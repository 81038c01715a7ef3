#!/usr/bin/env bash
# Whether one TCP connection from inside a pod opens within 3 s: prints open or blocked. A
# NetworkPolicy may drop the connection or refuse it; either way it is blocked. It needs only
# bash and coreutils, which every podtalk image has:
#   kubectl exec -i POD -- bash -s HOST PORT < e2e/probes/connect.sh
set -u
# shellcheck disable=SC2016 # the inner bash expands $1 and $2, its own arguments
if timeout 3 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null; then
  echo open
else
  echo blocked
fi

#!/usr/bin/env bash
# Times the suite's network, MSE and seed training with PyTorch autograd and numpy, for the README's comparison.
# Debian's python3-torch imports only under /usr/bin/python3; installed with apt when missing.
set -euo pipefail
cd "$(dirname "$0")"
if ! /usr/bin/python3 -c 'import torch, numpy' 2>/dev/null; then
    echo "installing python3-torch and python3-numpy with apt" >&2
    if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq python3-torch python3-numpy >/dev/null
    else sudo apt-get update -qq && sudo apt-get install -y -qq python3-torch python3-numpy >/dev/null; fi
fi
exec /usr/bin/python3 compare.py "$@"

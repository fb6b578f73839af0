#!/usr/bin/env bash
# Python tests of the training code, run by `mvn verify` (exec-maven-plugin, phase test).
# Skips loudly, never silently, when Debian's PyTorch or pytest is missing for /usr/bin/python3.
set -u
cd "$(dirname "$0")"
PY=/usr/bin/python3
if [ ! -x "$PY" ]; then
  echo "SKIP python tests: $PY not found (install python3, python3-torch, python3-onnx, python3-pytest)"
  exit 0
fi
if ! "$PY" -c 'import pytest' 2>/dev/null; then
  echo "SKIP python tests: pytest not installed for $PY (apt-get install python3-pytest)"
  exit 0
fi
if ! "$PY" -c 'import torch, onnx' 2>/dev/null; then
  echo "WARNING: PyTorch/ONNX missing for $PY (apt-get install python3-torch python3-onnx): model and export tests will be skipped"
fi
exec "$PY" -m pytest -q -rs -p no:cacheprovider .

#!/usr/bin/env bash
# Turn the best checkpoint into the shipped bundle: held-out evaluation, export with the measured
# metrics, PyTorch baseline benchmark. Run from anywhere; uses Debian's /usr/bin/python3.
# SEGMENT_LEN=N sets model.json segment_len (choose it with probe_common_words.py).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
CK=src/train/checkpoint/wordrev.pt
"$PY" src/train/evaluate.py --checkpoint "$CK" --out src/train/checkpoint/metrics.json
"$PY" src/train/export.py --checkpoint "$CK" --metrics src/train/checkpoint/metrics.json \
    ${SEGMENT_LEN:+--segment-len "$SEGMENT_LEN"} --out src/main/resources/models/wordrev
"$PY" src/train/bench_torch.py --checkpoint "$CK" | tee src/train/checkpoint/bench_torch.txt

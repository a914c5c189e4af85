#!/bin/sh
# Torch round trip: export a small random torch model's features (forward hook) to safetensors,
# train the connection with `lreg job run`, load it back as a torch module, and check that its
# logits equal `lreg job predict`'s to 1e-5. Installs nothing: skips (exit 77) without torch.
# Usage: torch_roundtrip.sh LREG WORKDIR TOOLS_DIR
set -eu
LREG=$1 WORK=$2 TOOLS=$3
PY=/usr/bin/python3
if ! $PY -c "import torch" 2>/dev/null; then
  echo "SKIPPED: /usr/bin/python3 cannot import torch (scripts/install-deps.sh --torch installs python3-torch)"
  exit 77
fi
rm -rf "$WORK" && mkdir -p "$WORK"
PYTHONPATH=$TOOLS $PY "$TOOLS/export_features.py" --demo --out "$WORK/feat.safetensors"
cat > "$WORK/spec.json" <<JSON
{"format": "lreg-job", "version": 1, "kind": "lreg-connection", "name": "torch",
 "data": {"features": "feat.safetensors:features", "logits": "feat.safetensors:logits",
          "labels": "feat.safetensors:labels"},
 "options": {"components": 6, "nodes": 8, "epochs": 3, "seed": 1}, "device": "cpu"}
JSON
"$LREG" job run "$WORK/spec.json" --out "$WORK/run" > "$WORK/events.jsonl"
"$LREG" job predict --model "$WORK/run/model.json" --data "$WORK/feat.safetensors" --out "$WORK/preds.safetensors"
PYTHONPATH=$TOOLS $PY - "$WORK" <<'PYEOF'
import sys
import torch
import safetensors_io
from lreg_connection import LRegConnection
work = sys.argv[1]
data = safetensors_io.load(f"{work}/feat.safetensors")
want = safetensors_io.load(f"{work}/preds.safetensors")["logits"]
conn = LRegConnection.load(f"{work}/run/model.json")
with torch.no_grad():
    got = data["logits"] + conn(data["features"])
    correction = conn(data["features"]).abs().max().item()
err = (got - want).abs().max().item()
print(f"max |torch - lreg| = {err:.3g} over {tuple(got.shape)} logits (correction up to {correction:.3g})")
assert correction > 1e-3, "the trained connection is zero: the check would be vacuous"
assert err <= 1e-5, err
PYEOF

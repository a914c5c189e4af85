"""Export a frozen torchvision-style classifier's penultimate features, logits and labels to
safetensors for `lreg job run` (data: FILE.safetensors:features / :logits / :labels).

A forward pre-hook on the final layer (`fc` for ResNets, `classifier` or `head` otherwise, or
--layer NAME) captures its input: the penultimate features; the model's output is the logits.

    from export_features import export
    export(model, batches, "features.safetensors")        # batches: iterable of (inputs, labels)

    python3 export_features.py --demo --out features.safetensors   # a small random model
"""
import argparse

import torch

import safetensors_io


def final_layer(model, name=None):
    if name:
        return dict(model.named_modules())[name]
    for attr in ("fc", "classifier", "head"):
        if hasattr(model, attr):
            layer = getattr(model, attr)
            return layer[-1] if isinstance(layer, torch.nn.Sequential) else layer
    raise ValueError("no fc / classifier / head layer: name it with layer=")


@torch.no_grad()
def export(model, batches, path, layer=None):
    model.eval()
    seen = []
    hook = final_layer(model, layer).register_forward_pre_hook(lambda m, inp: seen.append(inp[0].flatten(1)))
    feats, logits, labels = [], [], []
    try:
        for x, y in batches:
            out = model(x)
            feats.append(seen.pop())
            logits.append(out)
            labels.append(y)
    finally:
        hook.remove()
    tensors = {
        "features": torch.cat(feats).to(torch.float64),
        "logits": torch.cat(logits).to(torch.float64),
        "labels": torch.cat(labels).to(torch.int64),
    }
    safetensors_io.save(path, tensors)
    return tensors


class DemoNet(torch.nn.Module):
    """A torchvision-shaped toy: a feature trunk, then `fc`."""

    def __init__(self, inputs=8, hidden=16, classes=4):
        super().__init__()
        self.trunk = torch.nn.Sequential(torch.nn.Linear(inputs, hidden), torch.nn.Tanh())
        self.fc = torch.nn.Linear(hidden, classes)

    def forward(self, x):
        return self.fc(self.trunk(x))


def demo_batches(n=800, inputs=8, classes=4, seed=0):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(n, inputs, generator=g, dtype=torch.float64)
    y = (torch.sin(2 * x[:, 0]) + x[:, 1] > 0).long() * 2 + (x[:, 2] > 0).long()
    y = y % classes
    return [(x[i : i + 100], y[i : i + 100]) for i in range(0, n, 100)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--demo", action="store_true", help="export a small random DemoNet on random inputs")
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    if not a.demo:
        ap.error("import export() for a real model; --demo runs the toy")
    torch.manual_seed(a.seed)
    model = DemoNet().to(torch.float64)
    t = export(model, demo_batches(seed=a.seed), a.out)
    print(f"wrote {t['features'].shape[0]} samples ({t['features'].shape[1]} features, "
          f"{t['logits'].shape[1]} classes) to {a.out}")


if __name__ == "__main__":
    main()

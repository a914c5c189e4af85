"""The LReg connection trained by `lreg job run` as a torch module: load DIR/model.json and add it
to a frozen model's logits.

    conn = LRegConnection.load("run/model.json")
    logits = frozen_logits + conn(features)       # or: conn.attach(model) for torchvision models

Same arithmetic as core/src/models/lreg_connection.cpp: s = sigmoid(P x + b), per component the
P1 element holding s (the end elements extrapolate linearly), and the gathered coefficient rows.
"""
import json

import torch


class LRegConnection(torch.nn.Module):
    def __init__(self, P, b, nodes, W):
        super().__init__()
        self.P = torch.nn.Parameter(P)          # d x C_in
        self.b = torch.nn.Parameter(b)          # d
        self.register_buffer("nodes", nodes)    # d x n, rows increasing
        self.W = torch.nn.Parameter(W)          # (d n) x C

    @classmethod
    def load(cls, path, dtype=torch.float64):
        with open(path) as f:
            j = json.load(f)
        if j.get("kind") != "lreg-connection":
            raise ValueError(f"{path}: kind {j.get('kind')!r} is not an lreg-connection")
        t = lambda key: torch.tensor(j[key], dtype=dtype)
        P, b, nodes, W = t("P"), t("b").reshape(-1), t("nodes"), t("W")
        d, n = nodes.shape
        if P.shape[0] != d or b.shape[0] != d or W.shape[0] != d * n:
            raise ValueError(f"{path}: shapes of P {tuple(P.shape)}, b, nodes {tuple(nodes.shape)}, W {tuple(W.shape)} disagree")
        return cls(P, b, nodes, W)

    def forward(self, features):
        s = torch.sigmoid(features.to(self.P.dtype) @ self.P.T + self.b)  # N x d
        d, n = self.nodes.shape
        interior = self.nodes[:, 1 : n - 1].contiguous()
        e = torch.searchsorted(interior, s.T.contiguous(), right=True).clamp(0, n - 2)  # d x N
        x0 = torch.gather(self.nodes, 1, e)
        x1 = torch.gather(self.nodes, 1, e + 1)
        t = ((s.T - x0) / (x1 - x0)).T  # N x d
        rows = (torch.arange(d, device=e.device).unsqueeze(1) * n + e).T  # N x d
        return ((1 - t).unsqueeze(2) * self.W[rows] + t.unsqueeze(2) * self.W[rows + 1]).sum(1)

    def attach(self, model, layer="fc"):
        """Adds the connection to model's output, fed by the input of `layer` (a forward hook)."""
        seen = {}
        target = dict(model.named_modules())[layer]
        target.register_forward_pre_hook(lambda m, inp: seen.__setitem__("x", inp[0].flatten(1)))
        return model.register_forward_hook(lambda m, inp, out: out + self(seen["x"]).to(out.dtype))

"""Minimal safetensors reader/writer for torch tensors (Debian 12 packages no safetensors module).

Format: 8-byte little-endian header length, a JSON header {name: {dtype, shape, data_offsets}},
then the tensors' little-endian bytes, the offsets covering the buffer exactly.
"""
import json
import struct

import torch

_DTYPES = {"F64": torch.float64, "F32": torch.float32, "I64": torch.int64}
_NAMES = {v: k for k, v in _DTYPES.items()}


def save(path, tensors):
    header, chunks, offset = {}, [], 0
    for name, t in tensors.items():
        t = t.detach().cpu().contiguous()
        if t.dtype not in _NAMES:
            t = t.to(torch.float64)
        raw = bytes(t.reshape(-1).view(torch.uint8).tolist())  # x86/ARM hosts: already little-endian
        header[name] = {"dtype": _NAMES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(chunks))


def load(path):
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        raise ValueError(f"{path}: shorter than the 8-byte header length")
    (n,) = struct.unpack("<Q", data[:8])
    if 8 + n > len(data):
        raise ValueError(f"{path}: header length {n} runs past the file")
    header = json.loads(data[8 : 8 + n])
    buf = data[8 + n :]
    out = {}
    for name, h in header.items():
        if name == "__metadata__":
            continue
        begin, end = h["data_offsets"]
        if h["dtype"] not in _DTYPES:
            raise ValueError(f"{path}: tensor '{name}' has dtype {h['dtype']} (F64, F32, I64 read)")
        t = torch.frombuffer(bytearray(buf[begin:end]), dtype=_DTYPES[h["dtype"]])
        out[name] = t.reshape(h["shape"]) if h["shape"] else t.reshape(())
    return out

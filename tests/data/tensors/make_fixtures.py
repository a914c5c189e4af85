#!/usr/bin/env python3
"""Writes the tensor-file fixtures of tst_tensor_io with Python's standard library only (no numpy),
byte for byte as numpy.lib.format lays them out, so the reader is tested against files it did not
write: a Fortran-order f8 matrix (.npy v1.0), a v3.0 header, i8 labels, and an .npz whose members
are deflated and carry zip64 records (as numpy's savez writes with force_zip64).
member_without_name.npz is not written here: it is an input fuzz_tensors found (a central-directory
entry with an empty name), kept byte for byte."""
import struct, zipfile, os

HERE = os.path.dirname(os.path.abspath(__file__))

def npy(descr, shape, fortran, payload, major=1):
    shape_txt = "(" + ", ".join(str(s) for s in shape) + ("," if len(shape) == 1 else "") + ")"
    header = "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }" % (descr, "True" if fortran else "False", shape_txt)
    pre = 10 if major == 1 else 12
    header += " " * ((64 - (pre + len(header) + 1) % 64) % 64) + "\n"
    lenfmt = "<H" if major == 1 else "<I"
    return b"\x93NUMPY" + bytes([major, 0]) + struct.pack(lenfmt, len(header)) + header.encode() + payload

# M = [[1, 2, 3], [4, 5, 6]] stored column by column.
fortran = npy("<f8", (2, 3), True, struct.pack("<6d", 1, 4, 2, 5, 3, 6))
v3 = npy("<f4", (4,), False, struct.pack("<4f", 0.5, -1.25, 2.0, 1e-3), major=3)
labels = npy("<i8", (5,), False, struct.pack("<5q", 0, 9, 3, 3, 7))
features = npy("<f8", (3, 2), False, struct.pack("<6d", 0.1, 0.2, 0.3, 0.4, 0.5, 0.6))

with open(os.path.join(HERE, "fortran_f8.npy"), "wb") as f: f.write(fortran)
with open(os.path.join(HERE, "v3_f4.npy"), "wb") as f: f.write(v3)
with zipfile.ZipFile(os.path.join(HERE, "zip64_deflated.npz"), "w", compression=zipfile.ZIP_DEFLATED) as z:
    for name, data in (("labels.npy", labels), ("features.npy", features)):
        with z.open(name, "w", force_zip64=True) as m:
            m.write(data)
with zipfile.ZipFile(os.path.join(HERE, "stored.npz"), "w", compression=zipfile.ZIP_STORED) as z:
    z.writestr("labels.npy", labels)

# Full zip64 layout as written for archives over 4 GiB, built by hand at small size: every size
# and offset in the classic records is 0xffffffff, the true values sit in zip64 extra fields, and
# the end of the central directory is found through the zip64 locator.
import zlib
def zip64_archive(members):
    out, cd = b"", b""
    for name, data in members:
        packed = zlib.compress(data, 9)[2:-4]  # raw deflate
        crc = zlib.crc32(data)
        offset = len(out)
        extra = struct.pack("<HHQQ", 1, 16, len(data), len(packed))
        out += struct.pack("<IHHHHHIIIHH", 0x04034b50, 45, 0, 8, 0, 0x21, crc, 0xffffffff, 0xffffffff,
                           len(name), len(extra)) + name.encode() + extra + packed
        cextra = struct.pack("<HHQQQ", 1, 24, len(data), len(packed), offset)
        cd += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014b50, 45, 45, 0, 8, 0, 0x21, crc, 0xffffffff,
                          0xffffffff, len(name), len(cextra), 0, 0, 0, 0, 0xffffffff) + name.encode() + cextra
    cd_offset = len(out)
    out += cd
    z64_offset = len(out)
    out += struct.pack("<IQHHIIQQQQ", 0x06064b50, 44, 45, 45, 0, 0, len(members), len(members), len(cd), cd_offset)
    out += struct.pack("<IIQI", 0x07064b50, 0, z64_offset, 1)
    out += struct.pack("<IHHHHIIH", 0x06054b50, 0, 0, 0xffff, 0xffff, 0xffffffff, 0xffffffff, 0)
    return out

with open(os.path.join(HERE, "zip64_records.npz"), "wb") as f:
    f.write(zip64_archive([("labels.npy", labels), ("features.npy", features)]))

#!/usr/bin/env python3
"""patch-mp4.py IN OUT EDIT... rewrites header fields of an MP4 for fixtures.

EDIT is one of:
  mvhd=N   set the movie header's duration to N (movie timescale)
  mdhd=N   set every media header's duration to N
  +mehd=N  insert a mehd box with duration N at the start of mvex
Sample data is not moved except by +mehd, which shifts what follows the
moov by 16 bytes; use it on files whose fragments address data relative to
their moof (default_base_moof).
"""
import struct
import sys

CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"edts", b"mvex", b"moof", b"traf"}


def walk(b, off, end, parents, out):
    while off + 8 <= end:
        size, typ = struct.unpack(">I4s", b[off:off + 8])
        hdr = 8
        if size == 1:
            size = struct.unpack(">Q", b[off + 8:off + 16])[0]
            hdr = 16
        elif size == 0:
            size = end - off
        out.append((typ, off, hdr, size, parents))
        if typ in CONTAINERS:
            walk(b, off + hdr, off + size, parents + [off], out)
        off += size


def main():
    src, dst, edits = sys.argv[1], sys.argv[2], sys.argv[3:]
    b = bytearray(open(src, "rb").read())
    for edit in edits:
        boxes = []
        walk(b, 0, len(b), [], boxes)
        name, _, value = edit.partition("=")
        value = int(value)
        if name in ("mvhd", "mdhd"):
            for typ, off, hdr, size, _ in boxes:
                if typ != name.encode():
                    continue
                v1 = b[off + hdr] == 1
                pos = off + hdr + 4 + (16 if v1 else 8) + 4
                b[pos:pos + (8 if v1 else 4)] = struct.pack(">Q" if v1 else ">I", value)
        elif name == "+mehd":
            mvex = [x for x in boxes if x[0] == b"mvex"][0]
            _, off, hdr, _, parents = mvex
            b[off + hdr:off + hdr] = struct.pack(">I4sII", 16, b"mehd", 0, value)
            for p in parents + [off]:
                b[p:p + 4] = struct.pack(">I", struct.unpack(">I", b[p:p + 4])[0] + 16)
        else:
            sys.exit("patch-mp4: unknown edit " + edit)
    open(dst, "wb").write(b)


main()

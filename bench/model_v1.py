#!/usr/bin/python3
"""Rewrites a c2w model file as format version 1 (every matrix a dense F64 tensor), the
form c2w wrote before version 2 stored mostly-zero matrices sparse; for measuring the
two side by side (bench/model_load.sh). Uses python/c2w_numpy.py's reader.

  /usr/bin/python3 bench/model_v1.py IN.c2w OUT.c2w
"""
import json, os, struct, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
from c2w_numpy import load  # noqa: E402


def tensor_names(meta):
    yield "embedding"
    for b, block in enumerate(meta["blocks"]):
        for h in range(len(block["heads"])):
            for m in ("query", "key", "value", "output"):
                yield "blocks.%d.heads.%d.%s" % (b, h, m)
        for m in ("gate", "value", "output"):
            yield "blocks.%d.ffn.%s" % (b, m)
    yield "unembedding"


def main():
    source, target = sys.argv[1:3]
    tensors, meta = load(source)
    meta = {key: value for key, value in meta.items() if key != "sparse"}
    meta["version"] = 1
    header, offset, order = {"__metadata__": {"c2w": json.dumps(meta, separators=(",", ":"))}}, 0, []
    for name in tensor_names(meta):
        m = tensors[name]
        header[name] = {"dtype": "F64", "shape": list(m.shape), "data_offsets": [offset, offset + 8 * m.size]}
        offset += 8 * m.size
        order.append(m)
    text = json.dumps(header, separators=(",", ":"))
    text += " " * ((8 - (8 + len(text)) % 8) % 8)
    with open(target + ".tmp", "wb") as out:
        out.write(struct.pack("<Q", len(text)) + text.encode())
        for m in order:
            out.write(m.astype("<f8").tobytes(order="C"))
    os.replace(target + ".tmp", target)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""A c2w model file loaded and run with numpy alone (docs/model-format.md).

The forward pass computes the transformer from the weights: the token's embedding
column plus the positional features, then per block every hard-max head (2-D query
and key, `average` or `latest` ties) and the ReGLU feed-forward, added to the
residual, then the unembedding and argmax. float64 throughout; every weight and
activation is an exact integer or dyadic rational, so the result does not depend on
summation order and matches c2w's engines token for token. O(t) per lookup.

  python3 python/c2w_numpy.py model.c2w [--input FILE] [--prompt FILE] [--trace OUT]
"""
import argparse, json, struct, sys
import numpy as np


def load(path):
    """(tensors by name as float64 arrays, the c2w metadata as a dict)."""
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    meta = json.loads(header.pop("__metadata__")["c2w"])
    raw = {}
    for name, t in header.items():
        dtype = {"F64": "<f8", "I32": "<i4"}[t["dtype"]]
        begin, end = t["data_offsets"]
        count = (end - begin) // np.dtype(dtype).itemsize
        raw[name] = np.frombuffer(data, dtype, count, 8 + n + begin).reshape(t["shape"])
    # Version 2: a matrix listed in "sparse" is NAME.indices (row, column pairs) and
    # NAME.values; it is made dense here.
    tensors = {name: m for name, m in raw.items() if not name.endswith((".indices", ".values"))}
    for name, shape in meta.get("sparse", {}).items():
        m = np.zeros(shape)
        at = raw[name + ".indices"].astype(np.int64)
        m[at[:, 0], at[:, 1]] = raw[name + ".values"]
        tensors[name] = m
    return tensors, meta


def sparse(m):
    """A matrix kept as its non-zeros; apply(s, x) = m @ x."""
    rows, cols = np.nonzero(m)
    return rows, cols, m[rows, cols], m.shape[0]


def apply(s, x):
    rows, cols, values, n = s
    return np.bincount(rows, values * x[cols], minlength=n)


class Head:
    def __init__(self, t, prefix, tie):
        self.q, self.k = sparse(t[prefix + "query"]), sparse(t[prefix + "key"])
        self.v, self.o = sparse(t[prefix + "value"]), sparse(t[prefix + "output"])
        self.tie, self.n = tie, 0
        self.keys, self.values = np.zeros((16, 2)), np.zeros((16, self.v[3]))

    def __call__(self, x):
        """Appends this position's key and value, returns the output for its query."""
        if self.n == len(self.keys):  # the KV cache doubles when full
            self.keys = np.concatenate([self.keys, np.zeros_like(self.keys)])
            self.values = np.concatenate([self.values, np.zeros_like(self.values)])
        self.keys[self.n], self.values[self.n] = apply(self.k, x), apply(self.v, x)
        self.n += 1
        scores = self.keys[:self.n] @ apply(self.q, x)
        tied = np.flatnonzero(scores == scores.max())
        out = self.values[tied[-1]] if self.tie == "latest" else self.values[tied].sum(axis=0) / len(tied)
        return apply(self.o, out)


class Model:
    def __init__(self, path):
        t, meta = load(path)
        self.meta, self.vocabulary, self.d = meta, meta["vocabulary"], meta["d_model"]
        self.ids = {name: i for i, name in enumerate(self.vocabulary)}
        self.embedding, self.unembedding = t["embedding"], sparse(t["unembedding"])
        self.blocks = []
        for b, block in enumerate(meta["blocks"]):
            p = "blocks.%d." % b
            heads = [Head(t, p + "heads.%d." % h, head["tie"]) for h, head in enumerate(block["heads"])]
            ffn = [sparse(t[p + "ffn." + m]) for m in ("gate", "value", "output")]
            self.blocks.append((heads, ffn))
        self.position = 0

    def step(self, token):
        """Feeds `token` at the next position; returns the predicted next token id."""
        x = self.embedding[:, token].copy()
        pos, p = self.meta["positional"], float(self.position)
        for key, value in (("position", p), ("square", p * p), ("one", 1.0)):
            if pos[key] >= 0:
                x[pos[key]] += value
        for heads, (gate, value, output) in self.blocks:
            if heads:
                x = x + np.sum([head(x) for head in heads], axis=0)
            x = x + apply(output, np.maximum(apply(gate, x), 0.0) * apply(value, x))
        self.position += 1
        return int(np.argmax(apply(self.unembedding, x)))  # the lowest id on a tie

    def run(self, prompt, max_tokens=10**6):
        """Decodes after `prompt` (token names) until <halt> or a trap: the trace's names."""
        trace = list(prompt)
        for name in prompt:
            nxt = self.step(self.ids[name])
        for _ in range(max_tokens):
            trace.append(self.vocabulary[nxt])
            if trace[-1] == "<halt>" or trace[-1].startswith("<trap:"):
                break
            nxt = self.step(nxt)
        return trace


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model")
    ap.add_argument("--input", help="the program's stdin (a file; specialised models)")
    ap.add_argument("--prompt", help="the prompt, one token name a line (e.g. a universal model's)")
    ap.add_argument("--trace", help="write the token trace here, one token name a line")
    ap.add_argument("--max-tokens", type=int, default=10**6)
    a = ap.parse_args()
    model = Model(a.model)
    if a.prompt:
        prompt = open(a.prompt).read().split()
    else:
        data = open(a.input, "rb").read() if a.input else b""
        prompt = ["<bos>"] + ["in:%02x" % c for c in data] + ["<eoi>", "@0"]
    trace = model.run(prompt, a.max_tokens)
    if a.trace:
        with open(a.trace, "w") as f:
            f.write("".join(name + "\n" for name in trace))
    sys.stdout.buffer.write(bytes(int(n[4:], 16) for n in trace[len(prompt):] if n.startswith("out:")))
    if trace[-1] == "<halt>":
        sys.exit(int(trace[-2][1:], 16) if len(trace) > 1 and trace[-2].startswith("x") else 0)
    sys.exit(134 if trace[-1].startswith("<trap:") else 124)


if __name__ == "__main__":
    main()

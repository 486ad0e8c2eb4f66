"""A c2w model file as a torch.nn.Module (float64), with a hook point on every layer,
TransformerLens style: cache activations, ablate or patch a head (docs/model-format.md).

The module computes the whole sequence at once: causal hard-max attention (each query
takes the value at its best key among positions <= its own; `latest` ties take the
last tied position, `average` the mean) and the ReGLU feed-forward, from the weights.
Every activation is an exact float64 number, so the argmax at each position is c2w's.

    model = C2wTransformer("prog.c2w")
    tokens = model.to_tokens(trace_names)                   # token names -> ids
    logits, cache = model.run_with_cache(tokens)            # cache["blocks.3.attn.hook_pattern"], ...
    def ablate(result, hook): result[:, 2] = 0; return result   # zero head 2's output
    logits = model.run_with_hooks(tokens, fwd_hooks=[("blocks.3.attn.hook_result", ablate)])

Hook points (each an identity module; register_forward_hook on it, or the two helpers):
  hook_embed            [T, d]      token embedding + positional features (the residual into block 0)
  blocks.B.hook_resid_pre, .hook_resid_mid (after attention), .hook_resid_post   [T, d]
  blocks.B.attn.hook_q, .hook_k   [T, H, 2];  .hook_v   [T, sum of d_v]  (heads' values side by side)
  blocks.B.attn.hook_pattern      [H, T, T]  1 at the key a query takes: the winner (latest), every tied
                                             key (average: their sum / their count)
  blocks.B.attn.hook_result       [T, H, d]  each head's output added to the residual
  blocks.B.mlp.hook_pre           [T, f]     the gate;  .hook_post  [T, f]  ReLU(gate) * value
  hook_logits                     [T, V]
"""
import torch
from torch import nn

from c2w_numpy import load


class HookPoint(nn.Module):
    """An identity layer to hang hooks on (a forward hook's return value replaces the output)."""

    def forward(self, x):
        return x


def _weight(array):
    return nn.Parameter(torch.from_numpy(array.copy()), requires_grad=False)


class HardMaxAttention(nn.Module):
    def __init__(self, tensors, prefix, ties):
        super().__init__()
        heads = range(len(ties))
        self.average = torch.tensor([tie == "average" for tie in ties])
        self.query = _weight_list(tensors, prefix, heads, "query")   # H x [2, d]
        self.key = _weight_list(tensors, prefix, heads, "key")
        self.value = _weight_list(tensors, prefix, heads, "value")   # H x [d_v, d]
        self.output = _weight_list(tensors, prefix, heads, "output")  # H x [d, d_v]
        for name in ("hook_q", "hook_k", "hook_v", "hook_pattern", "hook_result"):
            setattr(self, name, HookPoint())

    def forward(self, x):
        if len(self.query) == 0:
            return torch.zeros_like(x)
        q = self.hook_q(torch.stack([x @ w.T for w in self.query], 1))  # [T, H, 2]
        k = self.hook_k(torch.stack([x @ w.T for w in self.key], 1))
        v = self.hook_v(torch.cat([x @ w.T for w in self.value], 1))     # [T, sum d_v]
        scores = torch.einsum("qhc,khc->hqk", q, k)                     # [H, T, T]
        t = x.shape[0]
        future = torch.ones(t, t, dtype=torch.bool).triu(1)
        scores = scores.masked_fill(future, -torch.inf)
        tied = scores == scores.max(dim=2, keepdim=True).values
        positions = torch.arange(t, dtype=torch.float64)
        last_tied = (tied * (positions + 1)).argmax(dim=2)
        latest = nn.functional.one_hot(last_tied, t).to(torch.bool)
        pattern = self.hook_pattern(torch.where(self.average[:, None, None], tied, latest).to(torch.float64))
        count = pattern.sum(dim=2, keepdim=True)  # an average: the sum over the tied keys, then / n, as c2w
        results, at = [], 0
        for h, (w_v, w_o) in enumerate(zip(self.value, self.output)):
            z = (pattern[h] @ v[:, at:at + w_v.shape[0]]) / count[h]   # [T, d_v]
            results.append(z @ w_o.T)
            at += w_v.shape[0]
        return self.hook_result(torch.stack(results, 1)).sum(dim=1)


def _weight_list(tensors, prefix, heads, name):
    return nn.ParameterList([_weight(tensors["%sheads.%d.%s" % (prefix, h, name)]) for h in heads])


class ReGLU(nn.Module):
    def __init__(self, tensors, prefix):
        super().__init__()
        self.gate, self.value = _weight(tensors[prefix + "ffn.gate"]), _weight(tensors[prefix + "ffn.value"])
        self.output = _weight(tensors[prefix + "ffn.output"])
        self.hook_pre, self.hook_post = HookPoint(), HookPoint()

    def forward(self, x):
        gate = self.hook_pre(x @ self.gate.T)
        return self.hook_post(torch.relu(gate) * (x @ self.value.T)) @ self.output.T


class Block(nn.Module):
    def __init__(self, tensors, b, ties):
        super().__init__()
        prefix = "blocks.%d." % b
        self.attn, self.mlp = HardMaxAttention(tensors, prefix, ties), ReGLU(tensors, prefix)
        self.hook_resid_pre, self.hook_resid_mid, self.hook_resid_post = HookPoint(), HookPoint(), HookPoint()

    def forward(self, x):
        x = self.hook_resid_pre(x)
        x = self.hook_resid_mid(x + self.attn(x))
        return self.hook_resid_post(x + self.mlp(x))


class C2wTransformer(nn.Module):
    def __init__(self, path):
        super().__init__()
        tensors, self.meta = load(path)
        self.vocabulary = self.meta["vocabulary"]
        self.ids = {name: i for i, name in enumerate(self.vocabulary)}
        self.embedding = _weight(tensors["embedding"])                  # [d, V]: column t embeds token t
        self.unembedding = _weight(tensors["unembedding"])              # [V, d]
        self.blocks = nn.ModuleList(Block(tensors, b, [h["tie"] for h in block["heads"]])
                                    for b, block in enumerate(self.meta["blocks"]))
        self.hook_embed, self.hook_logits = HookPoint(), HookPoint()

    def to_tokens(self, names):
        return torch.tensor([self.ids[name] for name in names])

    def forward(self, tokens):
        """Logits [T, V] at every position of `tokens` (ids), the whole sequence at once."""
        x = self.embedding.T[tokens].clone()
        p = torch.arange(len(tokens), dtype=torch.float64)
        for key, value in (("position", p), ("square", p * p), ("one", torch.ones_like(p))):
            if self.meta["positional"][key] >= 0:
                x[:, self.meta["positional"][key]] += value
        x = self.hook_embed(x)
        for block in self.blocks:
            x = block(x)
        return self.hook_logits(x @ self.unembedding.T)

    def predict(self, tokens):
        """The next token at every position: the lowest id among the maximal logits."""
        logits = self(tokens)
        return (logits == logits.max(dim=1, keepdim=True).values).to(torch.int8).argmax(dim=1)

    def run_with_cache(self, tokens):
        cache, handles = {}, []
        for name, module in self.named_modules():
            if isinstance(module, HookPoint):
                handles.append(module.register_forward_hook(
                    lambda _module, _input, output, name=name: cache.__setitem__(name, output.detach())))
        try:
            return self(tokens), cache
        finally:
            for handle in handles:
                handle.remove()

    def run_with_hooks(self, tokens, fwd_hooks):
        """fwd_hooks: [(hook point name, fn(activation, hook) -> activation or None)]."""
        modules, handles = dict(self.named_modules()), []
        for name, fn in fwd_hooks:
            hook = modules[name]
            handles.append(hook.register_forward_hook(
                lambda _module, _input, output, fn=fn, hook=hook: fn(output, hook)))
        try:
            return self(tokens)
        finally:
            for handle in handles:
                handle.remove()

    def generate(self, prompt, max_tokens=1000):
        """Greedy decoding after `prompt` (names) until <halt> or a trap; O(T^2) per token (short runs)."""
        names = list(prompt)
        for _ in range(max_tokens):
            names.append(self.vocabulary[int(self.predict(self.to_tokens(names))[-1])])
            if names[-1] == "<halt>" or names[-1].startswith("<trap:"):
                break
        return names

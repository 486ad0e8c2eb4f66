#!/usr/bin/env python3
"""Instrument a wasm module to count executed wasm instructions exactly.

usage: instrument.py IN.wasm OUT.wasm SEGMENTS.json

Every function body is cut into straight-line segments: control enters a
segment only at its first instruction and leaves it only after its last one.
A segment ends after every instruction that can transfer control or that
starts a branch target: block/loop/if/else/end, br/br_if/br_table/return/
unreachable, and call/call_indirect (so a call that never returns, halt,
leaves nothing after it counted). A new segment starts at the instruction
after such an instruction and at the function's first instruction.

At the start of each segment the instrumenter inserts
    i32.const 0  i32.const 0  i64.load offset=A  i64.const 1  i64.add  i64.store offset=A
where A = COUNTERS + 8 * segment_id (COUNTERS = 8 MiB, see c2w_builtins_wasm.c).
The inserted code leaves the operand stack as it found it, so the module stays
valid; the counted instructions are those of the original module only.

SEGMENTS.json lists, for every segment, its function and the opcode names of
its instructions; count.py multiplies them by the dumped segment counters.
Functions named in SKIP (the builtins' own bodies) are not instrumented.

What "executed" means here, for the structural instructions: block, loop, if
and nop are counted each time control passes them; end and else are counted
when control falls through them (reaching else at the end of a then-arm, or the
end of a block, loop, if or function body), not when a branch jumps past them.
A branch to a loop re-enters at the loop body (loop itself is not re-counted).
"""
import json
import struct
import sys

COUNTERS = 8 << 20
COUNTERS_END = 9 << 20
SKIP_PREFIX = "__c2w_wasm_"
SKIP = {"__c2w_getc", "__c2w_putc", "__c2w_halt", "__c2w_trap"}


def uleb(b, i):
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def sleb(b, i):
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            if x & 0x40:
                r -= 1 << s
            return r, i


def enc_uleb(v):
    out = bytearray()
    while True:
        x = v & 0x7F
        v >>= 7
        if v:
            out.append(x | 0x80)
        else:
            out.append(x)
            return bytes(out)


def enc_sleb(v):
    out = bytearray()
    while True:
        x = v & 0x7F
        v >>= 7
        if (v == 0 and not x & 0x40) or (v == -1 and x & 0x40):
            out.append(x)
            return bytes(out)
        out.append(x | 0x80)


NAMES = {
    0x00: "unreachable", 0x01: "nop", 0x02: "block", 0x03: "loop", 0x04: "if", 0x05: "else",
    0x0B: "end", 0x0C: "br", 0x0D: "br_if", 0x0E: "br_table", 0x0F: "return", 0x10: "call",
    0x11: "call_indirect", 0x1A: "drop", 0x1B: "select", 0x1C: "select_t",
    0x20: "local.get", 0x21: "local.set", 0x22: "local.tee", 0x23: "global.get", 0x24: "global.set",
    0x25: "table.get", 0x26: "table.set",
    0x28: "i32.load", 0x29: "i64.load", 0x2A: "f32.load", 0x2B: "f64.load",
    0x2C: "i32.load8_s", 0x2D: "i32.load8_u", 0x2E: "i32.load16_s", 0x2F: "i32.load16_u",
    0x30: "i64.load8_s", 0x31: "i64.load8_u", 0x32: "i64.load16_s", 0x33: "i64.load16_u",
    0x34: "i64.load32_s", 0x35: "i64.load32_u", 0x36: "i32.store", 0x37: "i64.store",
    0x38: "f32.store", 0x39: "f64.store", 0x3A: "i32.store8", 0x3B: "i32.store16",
    0x3C: "i64.store8", 0x3D: "i64.store16", 0x3E: "i64.store32",
    0x3F: "memory.size", 0x40: "memory.grow", 0x41: "i32.const", 0x42: "i64.const",
    0x43: "f32.const", 0x44: "f64.const",
    0xD0: "ref.null", 0xD1: "ref.is_null", 0xD2: "ref.func",
}
_NUMERIC = ("i32.eqz i32.eq i32.ne i32.lt_s i32.lt_u i32.gt_s i32.gt_u i32.le_s i32.le_u i32.ge_s i32.ge_u "
            "i64.eqz i64.eq i64.ne i64.lt_s i64.lt_u i64.gt_s i64.gt_u i64.le_s i64.le_u i64.ge_s i64.ge_u "
            "f32.eq f32.ne f32.lt f32.gt f32.le f32.ge f64.eq f64.ne f64.lt f64.gt f64.le f64.ge "
            "i32.clz i32.ctz i32.popcnt i32.add i32.sub i32.mul i32.div_s i32.div_u i32.rem_s i32.rem_u "
            "i32.and i32.or i32.xor i32.shl i32.shr_s i32.shr_u i32.rotl i32.rotr "
            "i64.clz i64.ctz i64.popcnt i64.add i64.sub i64.mul i64.div_s i64.div_u i64.rem_s i64.rem_u "
            "i64.and i64.or i64.xor i64.shl i64.shr_s i64.shr_u i64.rotl i64.rotr "
            "f32.abs f32.neg f32.ceil f32.floor f32.trunc f32.nearest f32.sqrt f32.add f32.sub f32.mul "
            "f32.div f32.min f32.max f32.copysign f64.abs f64.neg f64.ceil f64.floor f64.trunc f64.nearest "
            "f64.sqrt f64.add f64.sub f64.mul f64.div f64.min f64.max f64.copysign "
            "i32.wrap_i64 i32.trunc_f32_s i32.trunc_f32_u i32.trunc_f64_s i32.trunc_f64_u i64.extend_i32_s "
            "i64.extend_i32_u i64.trunc_f32_s i64.trunc_f32_u i64.trunc_f64_s i64.trunc_f64_u "
            "f32.convert_i32_s f32.convert_i32_u f32.convert_i64_s f32.convert_i64_u f32.demote_f64 "
            "f64.convert_i32_s f64.convert_i32_u f64.convert_i64_s f64.convert_i64_u f64.promote_f32 "
            "i32.reinterpret_f32 i64.reinterpret_f64 f32.reinterpret_i32 f64.reinterpret_i64 "
            "i32.extend8_s i32.extend16_s i64.extend8_s i64.extend16_s i64.extend32_s").split()
for _k, _n in enumerate(_NUMERIC):
    NAMES[0x45 + _k] = _n
assert NAMES[0xC4] == "i64.extend32_s"
FC_NAMES = ["i32.trunc_sat_f32_s", "i32.trunc_sat_f32_u", "i32.trunc_sat_f64_s", "i32.trunc_sat_f64_u",
            "i64.trunc_sat_f32_s", "i64.trunc_sat_f32_u", "i64.trunc_sat_f64_s", "i64.trunc_sat_f64_u",
            "memory.init", "data.drop", "memory.copy", "memory.fill", "table.init", "elem.drop",
            "table.copy", "table.grow", "table.size", "table.fill"]

# A segment ends after these; the next instruction starts a new one.
ENDS_SEGMENT = {"block", "loop", "if", "else", "end", "br", "br_if", "br_table", "return",
                "unreachable", "call", "call_indirect"}


def decode(code, i):
    """One instruction at code[i]: (name, next index)."""
    op = code[i]
    i += 1
    if op in (0x02, 0x03, 0x04):
        _, i = sleb(code, i)  # block type (s33)
    elif op in (0x0C, 0x0D, 0x10, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0xD2):
        _, i = uleb(code, i)
    elif op == 0x0E:
        n, i = uleb(code, i)
        for _ in range(n + 1):
            _, i = uleb(code, i)
    elif op == 0x11:
        _, i = uleb(code, i)
        _, i = uleb(code, i)
    elif op == 0x1C:
        n, i = uleb(code, i)
        i += n
    elif 0x28 <= op <= 0x3E:
        _, i = uleb(code, i)
        _, i = uleb(code, i)
    elif op in (0x3F, 0x40, 0xD0):
        i += 1
    elif op == 0x41 or op == 0x42:
        _, i = sleb(code, i)
    elif op == 0x43:
        i += 4
    elif op == 0x44:
        i += 8
    elif op == 0xFC:
        sub, i = uleb(code, i)
        if sub in (8, 12, 14):
            _, i = uleb(code, i)
            if sub == 8:
                i += 1
            else:
                _, i = uleb(code, i)
        elif sub in (9, 13, 15, 16, 17):
            _, i = uleb(code, i)
        elif sub == 10:
            i += 2
        elif sub == 11:
            i += 1
        return FC_NAMES[sub], i
    elif op not in NAMES:
        raise ValueError("unsupported opcode 0x%02x" % op)
    return NAMES[op], i


def sections(b):
    assert b[:8] == b"\0asm\1\0\0\0", "not a wasm module"
    i = 8
    out = []
    while i < len(b):
        sid = b[i]
        size, j = uleb(b, i + 1)
        out.append((sid, b[j:j + size]))
        i = j + size
    return out


def function_names(secs, n_imported):
    names = {}
    for sid, p in secs:
        if sid != 0:
            continue
        ln, i = uleb(p, 0)
        if p[i:i + ln] != b"name":
            continue
        i += ln
        while i < len(p):
            sub = p[i]
            size, i = uleb(p, i + 1)
            end = i + size
            if sub == 1:
                n, i = uleb(p, i)
                for _ in range(n):
                    idx, i = uleb(p, i)
                    ln, i = uleb(p, i)
                    names[idx] = p[i:i + ln].decode()
                    i += ln
            i = end
    return names


def imported_functions(secs):
    for sid, p in secs:
        if sid != 2:
            continue
        n, i = uleb(p, 0)
        funcs = 0
        for _ in range(n):
            for _ in range(2):
                ln, i = uleb(p, i)
                i += ln
            kind = p[i]
            i += 1
            if kind == 0:
                _, i = uleb(p, i)
                funcs += 1
            elif kind == 1:
                i += 1
                flags, i = uleb(p, i + 0)
                _, i = uleb(p, i)
                if flags & 1:
                    _, i = uleb(p, i)
            elif kind == 2:
                flags, i = uleb(p, i)
                _, i = uleb(p, i)
                if flags & 1:
                    _, i = uleb(p, i)
            elif kind == 3:
                i += 2
            else:
                raise ValueError("import kind %d" % kind)
        return funcs
    return 0


def counter_code(seg):
    addr = COUNTERS + 8 * seg
    if addr + 8 > COUNTERS_END:
        raise ValueError("too many segments")
    off = enc_uleb(addr)
    return (b"\x41\x00\x41\x00" + b"\x29\x03" + off + b"\x42\x01\x7c" + b"\x37\x03" + off)


def instrument_body(body, segs, fname):
    """body: locals + expression of one function. Appends its segments to segs."""
    n, i = uleb(body, 0)
    for _ in range(n):
        _, i = uleb(body, i)
        i += 1
    head, code = body[:i], body[i:]
    insns = []
    j = 0
    while j < len(code):
        name, k = decode(code, j)
        insns.append((name, code[j:k]))
        j = k
    assert insns and insns[-1][0] == "end"
    out = bytearray(head)
    cur = None
    for name, raw in insns:
        if cur is None:
            cur = {"function": fname, "ops": []}
            out += counter_code(len(segs))
            segs.append(cur)
        cur["ops"].append(name)
        out += raw
        if name in ENDS_SEGMENT:
            cur = None
    return bytes(out)


def main():
    src, dst, seg_path = sys.argv[1:4]
    b = open(src, "rb").read()
    secs = sections(b)
    n_imp = imported_functions(secs)
    names = function_names(secs, n_imp)
    segs = []
    out = bytearray(b[:8])
    for sid, p in secs:
        if sid == 10:
            n, i = uleb(p, 0)
            newp = bytearray(enc_uleb(n))
            for k in range(n):
                size, i = uleb(p, i)
                body = p[i:i + size]
                i += size
                fname = names.get(n_imp + k, "func%d" % (n_imp + k))
                if fname in SKIP or fname.startswith(SKIP_PREFIX):
                    nb = body
                else:
                    nb = instrument_body(body, segs, fname)
                newp += enc_uleb(len(nb)) + nb
            p = bytes(newp)
        out.append(sid)
        out += enc_uleb(len(p)) + p
    open(dst, "wb").write(out)
    skipped = sorted(v for v in names.values() if v in SKIP or v.startswith(SKIP_PREFIX))
    json.dump({"counters_base": COUNTERS, "skipped_functions": skipped, "segments": segs},
              open(seg_path, "w"))


if __name__ == "__main__":
    main()

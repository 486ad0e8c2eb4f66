// What each attention head selects, proved from its query and key matrices (the `head`
// obligations of `c2w verify`, verify_model.h).
//
// The `margin` obligations show every score is an exact integer, so the hard-max decision
// is exact whoever wins. These show that the RIGHT key wins: the key the circuit means
// (compiler/gadgets/*) beats every other key by >= 1, and the keys it means tie among
// themselves, so tie `latest` returns the latest of them.
//
// How, per head: its query rows q = (q_x, q_y) and key rows k = (k_x, k_y) are read off
// the model (2 x d matrices) as linear forms over the residual coordinates they read,
// each coordinate named through the config's residual_slots at the head's stage (the
// positional `one` is the constant 1). Each coordinate is then replaced by what the
// earlier layers put there — the cut, the same idea as op_proofs.h, stated per role
// below and written into the obligation's detail — as a polynomial in a few symbolic
// values (an address A, a position j, a flag m, fp's bytes). A coordinate the head reads
// that its role's cut does not name leaves the obligation unknown, naming it. The score
// q·k is then a polynomial, and Z3 (symbolic/real_solver.h: real arithmetic, nonlinear)
// proves, for all values in range (ranges from the numeric analysis' boxes below
// max_positions when given):
//   (1) an intended key K and any key K' that is not intended: score(K) - score(K') >= 1;
//   (2) two intended keys score the same (so `latest` picks the latest of them).
// The values are taken real, not integral: "K' is not intended" is written as
// |X' - Q| >= 1 (distinct integers differ by at least 1) or a flag 0, so a proof over the
// reals covers every integer case. With the margin obligation's exact integer scores,
// the engine's winner is the latest intended key whenever one exists.
//
// The roles and their cuts (Q: what the query asks for):
// * memory:a|b|c|destination|load — key (2W, -W2): at every position write.address holds
//   the address A it writes (0 when it writes nothing) and write.address^2 holds A^2; Q
//   is the query's x row, Q >= 1 (every address read in bounds is >= data_base). Intended:
//   the writes with A = Q. A miss (no write of Q): the winner's address W differs from Q,
//   the head's value row 0 is write.address (checked), and the hit test is proved too:
//   the FFN neurons that first read W have gates alpha (W - Q) + t (the query's x row,
//   negated, on the same features) and constant values, and Z3 shows their sum is 1 at
//   W = Q and 0 at every |W - Q| >= 1, so a miss reads 0 there and the fallback is used.
// * prompt, input — key (2X, -X2 + H m - H): at a marked position (a prompt byte token,
//   an in:XX token; m = prompt.byte / tok.is_in = 1) X = prompt.p / input.p holds its
//   position j and X2 its square; elsewhere X = X2 = m = 0. Intended: the marked position
//   j = Q. The prompt head's Q is its x row; the input head's is cursor + 1 (the query
//   reads the cursor's bytes cursor.0..2).
// * frame — key (2F, -F^2 + H m - H): at every position fp.0..2 hold the bytes of fp,
//   the other coordinates of the key's x row the terms of the call's outgoing offset
//   (each >= 0), F = fp + out, callee_fp^2 holds F^2, mark.call m in {0, 1}. Q is the
//   current fp (the query reads fp.0..2). Intended: the call records (m = 1) with F = Q.
// * step, marker, spelled, register:fp|cursor — query (1, 0), key (sum of marks, 0):
//   each coordinate of the key is a 0/1 mark (tok.is_*, mark.*, o==k), at most one set
//   at a position. Intended: the marked positions; when none is marked every key
//   scores the same and `latest` returns the query's own position.
// Byte heads of one lookup (read.a0..a3, fetch.0..24, load0..3, ...: one role, one name
// up to a trailing number k) must read the same form on their query's x row up to the
// constant, which is the first head's + k: byte k asks for the address (position) + k;
// and they return the winner's byte token (a value row that is exactly tok.byte).
// Every head whose selection is claimed has tie `latest`.
//
// What is not claimed: that the cut's coordinates hold what is assumed (the FFN layers
// before the head: write marks, addresses, the fetch and register heads' outputs; tested
// by the engines against the reference and, for the op fields, by the op proofs' cuts).
#pragma once

#include <vector>

#include "neural/model.h"
#include "neural/model_config.h"
#include "verify/numeric_bounds.h"
#include "verify/verify_model.h"

namespace c2w::verify {

// One `head` obligation per attention head of a c2w machine model (whose config names
// its residual slots and head roles; none otherwise). `bounds` (may be null) gives the
// value ranges below max_positions.
std::vector<Obligation> head_obligations(const neural::Model& model, const neural::ModelConfig& config,
                                         const NumericBounds* bounds, double timeout_seconds);
// The obligation of head `head` of block `block` alone (the byte heads of its lookup are
// still compared with it).
Obligation head_obligation(const neural::Model& model, const neural::ModelConfig& config,
                           const NumericBounds* bounds, size_t block, size_t head, double timeout_seconds);

}  // namespace c2w::verify

// Runs a c2w model exported to ONNX (`c2w export --format=onnx`) in ONNX Runtime (the
// npm package onnxruntime-node, CPU provider, float64) and compares it with c2w's
// token trace (`c2w run --trace`, one token name a line):
//
//   node ort_driver.js teacher MODEL.onnx TRACE PROMPT_TOKENS
//     the whole trace through the model once: the argmax at every position from the
//     prompt's last token on must be the trace's next token (equivalent to greedy
//     decoding token for token, in one forward pass);
//   node ort_driver.js greedy MODEL.onnx TRACE PROMPT_TOKENS [MAX_TOKENS]
//     real greedy decoding: the prompt, then the model's own argmax fed back one token
//     at a time until <halt>, a trap or MAX_TOKENS; the decoded tokens must be the
//     trace's. A graph exported with --kv-cache gets one new token per call and its
//     presents back as pasts; a graph without runs the whole prefix each time.
//
// The vocabulary comes from the ONNX file itself (metadata_props "c2w.vocabulary"),
// read with the few lines of protobuf decoding below. Prints one line of figures;
// exit 0 when every token agrees, 1 otherwise, 2 on bad usage.
'use strict';
const fs = require('fs');
const ort = require('onnxruntime-node');

// The metadata_props of an onnx.ModelProto (field 14: {key = 1, value = 2}).
function onnxMetadata(bytes) {
  let at = 0;
  const varint = (buf) => {
    let value = 0, scale = 1, byte;
    do {
      byte = buf[at++];
      value += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte & 0x80);
    return value;
  };
  const fields = (buf, begin, end, visit) => {
    at = begin;
    while (at < end) {
      const tag = varint(buf), field = Math.floor(tag / 8), wire = tag % 8;
      if (wire === 0) varint(buf);
      else if (wire === 1) at += 8;
      else if (wire === 5) at += 4;
      else if (wire === 2) {
        const length = varint(buf), start = at;
        at += length;
        visit(field, start, at);
      } else throw new Error('unexpected protobuf wire type ' + wire);
    }
  };
  const entries = [];
  fields(bytes, 0, bytes.length, (field, start, end) => { if (field === 14) entries.push([start, end]); });
  const metadata = {};
  for (const [start, end] of entries) {
    const entry = {};
    fields(bytes, start, end, (field, s, e) => { entry[field] = bytes.toString('utf8', s, e); });
    metadata[entry[1]] = entry[2];
  }
  return metadata;
}

async function main() {
  const [mode, modelPath, tracePath, promptArg, maxArg] = process.argv.slice(2);
  if (!['teacher', 'greedy'].includes(mode) || !tracePath || !(Number(promptArg) >= 1)) {
    console.error('usage: node ort_driver.js teacher|greedy MODEL.onnx TRACE PROMPT_TOKENS [MAX_TOKENS]');
    process.exit(2);
  }
  const bytes = fs.readFileSync(modelPath);
  const vocabulary = JSON.parse(onnxMetadata(bytes)['c2w.vocabulary']);
  const ids = new Map(vocabulary.map((name, id) => [name, id]));
  const trace = fs.readFileSync(tracePath, 'utf8').split('\n').filter((line) => line.length > 0);
  const prompt = Number(promptArg);
  const tokens = trace.map((name) => {
    if (!ids.has(name)) throw new Error(tracePath + ': token ' + name + ' is not in the model\'s vocabulary');
    return ids.get(name);
  });
  let start = process.hrtime.bigint();
  const session = await ort.InferenceSession.create(bytes, {
    intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential'});
  const loadSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  // The KV cache's inputs (past.X) and outputs (present.X); empty to begin with.
  const pastNames = session.inputNames.filter((name) => name.startsWith('past.'));
  const fetches = ['next_tokens', ...pastNames.map((name) => 'present.' + name.slice(5))];
  let cache = {};
  session.inputMetadata.forEach((input) => {
    if (input.name.startsWith('past.'))
      cache[input.name] = new ort.Tensor('float64', new Float64Array(0), [0, input.shape[1]]);
  });
  // Runs the new tokens `ids` after what the cache holds; returns their next-token ids.
  const forward = async (ids) => {
    const input = new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [ids.length]);
    const out = await session.run({ tokens: input, ...cache }, fetches);
    for (const name of pastNames) cache[name] = out['present.' + name.slice(5)];
    return out.next_tokens.data;  // BigInt64Array
  };
  start = process.hrtime.bigint();
  let wrong = -1, got = -1, checked = 0, runs = 0;
  if (mode === 'teacher') {
    const next = await forward(tokens);
    runs = 1;
    for (let p = prompt - 1; p + 1 < tokens.length; ++p, ++checked)
      if (Number(next[p]) !== tokens[p + 1]) { wrong = p; got = Number(next[p]); break; }
  } else {
    const max = maxArg ? Number(maxArg) : Infinity;
    const decoded = tokens.slice(0, prompt);
    let fresh = decoded;  // what the next call feeds: the prompt, then one token at a time
    while (decoded.length < tokens.length && decoded.length - prompt < max) {
      const next = await forward(pastNames.length > 0 ? fresh : decoded);
      ++runs;
      const token = Number(next[next.length - 1]);
      if (token !== tokens[decoded.length]) { wrong = decoded.length - 1; got = token; break; }
      decoded.push(token);
      fresh = [token];
      ++checked;
      const name = vocabulary[token];
      if (name === '<halt>' || name.startsWith('<trap:')) break;
    }
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`ort ${mode}${pastNames.length > 0 ? ' (KV cache)' : ''}: ${trace.length} tokens in the trace, ${checked} predictions checked in ${runs} ` +
              `forward passes, ${seconds.toFixed(3)} s (session load ${loadSeconds.toFixed(3)} s)`);
  if (wrong >= 0) {
    console.log(`FAIL: at position ${wrong} ONNX Runtime predicts ${vocabulary[got]}, the trace has ` +
                `${trace[wrong + 1]}`);
    process.exit(1);
  }
}

main().catch((e) => { console.error('ort_driver: ' + (e && e.message ? e.message : e)); process.exit(1); });

// Runs a wasm32 WASI module (bench/wasm/out/*.wasm) under Node's WASI:
// stdin, stdout and stderr are the process's own; exits with the module's code.
// usage: node run_wasm.mjs MODULE.wasm < input > output 2> counters
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';
import { argv, exit } from 'node:process';

const wasi = new WASI({ version: 'preview1', args: [argv[2]], env: {}, returnOnExit: true,
                        stdin: 0, stdout: 1, stderr: 2 });
const module = await WebAssembly.compile(readFileSync(argv[2]));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
exit(wasi.start(instance));

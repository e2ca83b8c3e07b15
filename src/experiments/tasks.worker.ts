/// <reference lib="webworker" />
/**
 * The task worker's entry: serves the experiments' tasks (tasks.ts) over Comlink, apart from the
 * training workers, so a long computation never stalls live training (and vice versa). The tfjs
 * wasm binaries are bundled as assets (no CDN) and their URLs set before any solver can load.
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { setWasmBinaryUrls } from '../train/basic/paths';
import { exposeTasks } from '../worker/tasks';
import { TASKS } from './tasks';

setWasmBinaryUrls({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

exposeTasks(TASKS);

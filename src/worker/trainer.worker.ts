/// <reference lib="webworker" />
/**
 * Worker entry: exposes a TrainerService over Comlink. The wasm binaries are bundled as assets
 * (no CDN) and their URLs handed to the wasm backend before it can load.
 */
import * as Comlink from 'comlink';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { setWasmBinaryUrls } from '../train/basic/paths';
import { TrainerService } from './service';

setWasmBinaryUrls({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

Comlink.expose(new TrainerService());

/// <reference lib="webworker" />
/**
 * Footnotes worker entry: exposes a FootnotesService over Comlink, apart from the training
 * worker so a long footnote experiment never stalls the live training (and vice versa). The tfjs
 * wasm binaries are bundled as assets (no CDN) and their URLs set before the backend can load;
 * the service activates wasm on first use and falls back to cpu.
 */
import * as Comlink from 'comlink';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { setWasmBinaryUrls } from '../train/basic/paths';
import { FootnotesService } from './footnotes-service';

setWasmBinaryUrls({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

Comlink.expose(new FootnotesService());

/**
 * Sparse batches made on the GPU by a WebGPU compute shader: the WGSL twin of webgl-sampler.ts,
 * the same counter hash (model/counter-hash.ts) and so the same batches, with no per-step
 * generation in JavaScript or upload.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';

const WORKGROUP = 64;

class CounterSampleProgram implements WebGPUProgram {
  readonly variableNames = ['Density', 'Seeds'];
  readonly outputShape: number[];
  // tfjs rewrites the key and the dispatch (to the device's limits) in place: one program per call.
  shaderKey = 'superpositionCounterSample';
  readonly dispatchLayout = { x: [0, 1, 2] };
  dispatch: [number, number, number];
  readonly workgroupSize: [number, number, number] = [WORKGROUP, 1, 1];
  readonly size = true;
  readonly uniforms = 'step : i32,';

  constructor(I: number, B: number, n: number) {
    this.outputShape = [I, B, n];
    this.dispatch = [Math.ceil((I * B * n) / WORKGROUP), 1, 1];
  }

  getUserCode(): string {
    // Seeds are u32 kept bit for bit in an i32 buffer (a float would round them above 2^24).
    return `
      fn lowbias32(v : u32) -> u32 {
        var x = v;
        x ^= x >> 16u; x *= 0x7feb352du; x ^= x >> 15u; x *= 0x846ca68bu; x ^= x >> 16u;
        return x;
      }
      fn main(index : i32) {
        if (index < uniforms.size) {
          let c = getCoordsFromIndex(index);
          let p = getDensity(c.x, 0, c.z);
          let seed = bitcast<u32>(Seeds[c.x]);
          let cell = u32(c.y * uniforms.outShape.z + c.z);
          let h = lowbias32(seed ^ lowbias32(u32(uniforms.step) ^ lowbias32(cell)));
          let u = f32(h >> 8u) * (1.0 / 16777216.0);
          setOutputAtIndex(index, select(0.0, u / p, u < p));
        }
      }`;
  }
}

export class WebgpuSampler {
  private readonly shape: [number, number, number];
  private readonly density: tf.Tensor3D;
  private readonly seeds: tf.Tensor1D;

  /** Whether the active backend can run the kernel. */
  static available(): boolean {
    return tf.getBackend() === 'webgpu';
  }

  constructor(seeds: ArrayLike<number>, density: Float32Array, B: number, n: number) {
    const I = seeds.length;
    this.shape = [I, B, n];
    this.density = tf.tensor3d(density, [I, 1, n]);
    this.seeds = tf.tensor1d(
      Int32Array.from(seeds, (s) => s | 0),
      'int32',
    );
  }

  /** The [I, B, n] batch of training step `step` (a new tensor; the caller disposes it). */
  sample(step: number): tf.Tensor3D {
    const backend = tf.backend() as WebGPUBackend;
    const prog = new CounterSampleProgram(...this.shape);
    const info = backend.runWebGPUProgram(prog, [this.density, this.seeds], 'float32', [
      { type: 'int32', data: [step] },
    ]);
    return tf.engine().makeTensorFromTensorInfo(info) as tf.Tensor3D;
  }

  dispose(): void {
    tf.dispose([this.density, this.seeds]);
  }
}

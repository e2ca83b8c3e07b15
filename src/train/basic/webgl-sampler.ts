/**
 * Sparse batches made on the GPU (WebGL2 only): one fragment per (instance, row, feature)
 * hashes its coordinates with the step counter (model/counter-hash.ts, bit-identical), so no
 * sample is generated in JavaScript or uploaded per step — on a GPU that upload and the JS
 * generation would otherwise be most of a training step.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GPGPUProgram, MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';

function program(I: number, B: number, n: number): GPGPUProgram {
  return {
    variableNames: ['Density', 'SeedHi', 'SeedLo'],
    outputShape: [I, B, n],
    customUniforms: [{ name: 'uStep', type: 'int' }],
    userCode: `
      uint lowbias32(uint x) {
        x ^= x >> 16u; x *= 0x7feb352du; x ^= x >> 15u; x *= 0x846ca68bu; x ^= x >> 16u;
        return x;
      }
      void main() {
        ivec3 c = getOutputCoords();
        float p = getDensity(c.x, 0, c.z);
        uint seed = (uint(getSeedHi(c.x, 0, 0)) << 16u) | uint(getSeedLo(c.x, 0, 0));
        uint h = lowbias32(seed ^ lowbias32(uint(uStep) ^ lowbias32(uint(c.y * ${n} + c.z))));
        float u = float(h >> 8u) * (1.0 / 16777216.0);
        setOutput(u < p ? u / p : 0.0);
      }`,
  };
}

export class WebglSampler {
  private readonly prog: GPGPUProgram;
  private readonly density: tf.Tensor3D;
  private readonly seedHi: tf.Tensor3D;
  private readonly seedLo: tf.Tensor3D;

  /** Whether the active backend can run the kernel (WebGL2 for integer ops). */
  static available(): boolean {
    return tf.getBackend() === 'webgl' && tf.env().getNumber('WEBGL_VERSION') === 2;
  }

  constructor(seeds: ArrayLike<number>, density: Float32Array, B: number, n: number) {
    const I = seeds.length;
    this.prog = program(I, B, n);
    this.density = tf.tensor3d(density, [I, 1, n]);
    // 16-bit halves: float textures hold integers exactly only up to 2^24.
    this.seedHi = tf.tensor3d(
      Float32Array.from(seeds, (s) => (s >>> 16) & 0xffff),
      [I, 1, 1],
    );
    this.seedLo = tf.tensor3d(
      Float32Array.from(seeds, (s) => s & 0xffff),
      [I, 1, 1],
    );
  }

  /** The [I, B, n] batch of training step `step` (a new tensor; the caller disposes it). */
  sample(step: number): tf.Tensor3D {
    const backend = tf.backend() as MathBackendWebGL;
    const info = backend.compileAndRun(this.prog, [this.density, this.seedHi, this.seedLo], 'float32', [[step]]);
    return tf.engine().makeTensorFromTensorInfo(info) as tf.Tensor3D;
  }

  dispose(): void {
    tf.dispose([this.density, this.seedHi, this.seedLo]);
  }
}

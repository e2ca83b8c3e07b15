/**
 * The SIMD kernel's plain-JavaScript twin: the same algorithm as src/train/assembly/kernel.ts,
 * one scalar at a time, with every f32 operation rounded by Math.fround in the kernel's order
 * (an f32x4 lane is a scalar here). IEEE + − × ÷ √ computed in f64 and rounded once equal the
 * f32 operations, so the twin's weights, biases and losses must equal the kernel's bit for bit:
 * the reference the tests hold the WebAssembly against. Slow; for tests on small shapes.
 */
import type { TrainConfig } from '../../../src/model/config';
import { chooseSimdLayout, inverseLogComplement, type SimdLayout } from '../../../src/train/basic/simd-kernel';
import { CHUNK, RowSampler, TwinRng } from './simd-twin-data';
import { LossLedger } from '../../../src/train/loss-ledger';
import { adamCorrections, initialWeights, type BatchedTrainer, type TrainerState } from '../../../src/train/trainer';

const f = Math.fround;

export interface TwinInstance {
  W: Float32Array; // [n, m]
  b: Float32Array;
  mW: Float32Array;
  vW: Float32Array;
  mb: Float32Array;
  vb: Float32Array;
  imp: Float32Array;
  gs: Float32Array;
  dens: Float32Array;
  inv: Float32Array;
  ilq: Float64Array;
  rng: TwinRng;
}

export class SimdTwinTrainer implements BatchedTrainer {
  readonly path = 'simd' as const;
  readonly layout: SimdLayout;
  private readonly inst: TwinInstance[];
  private readonly frozen: Uint8Array;
  private readonly ledger: LossLedger;
  private steps = 0;
  private adamT = 0;
  private opt = new Float32Array(8);

  constructor(
    readonly config: TrainConfig,
    opts: { layout?: SimdLayout } = {},
  ) {
    const { n, m, batchSize: B, instances } = config;
    this.layout = opts.layout ?? chooseSimdLayout(m);
    const W0 = initialWeights(config);
    this.inst = instances.map((spec, j) => ({
      W: W0.slice(j * n * m, (j + 1) * n * m),
      b: new Float32Array(n),
      mW: new Float32Array(n * m),
      vW: new Float32Array(n * m),
      mb: new Float32Array(n),
      vb: new Float32Array(n),
      imp: Float32Array.from(spec.importance),
      gs: Float32Array.from(spec.importance, (v) => (2 * v) / (B * n)),
      dens: Float32Array.from(spec.density),
      inv: Float32Array.from(spec.density, (p) => 1 / p),
      ilq: Float64Array.from(spec.density, inverseLogComplement),
      rng: new TwinRng(spec.seed),
    }));
    const I = instances.length;
    this.frozen = new Uint8Array(I);
    this.ledger = new LossLedger(I);
  }

  get stepCount(): number {
    return this.steps;
  }

  async step(k: number): Promise<void> {
    const o = this.config.optimizer;
    const I = this.inst.length;
    for (let s = 0; s < k; s++) {
      this.adamT++;
      const { c1, c2 } = adamCorrections(o.beta1, o.beta2, this.adamT);
      this.opt.set([
        o.beta1,
        1 - o.beta1,
        o.beta2,
        1 - o.beta2,
        1 - o.learningRate * o.weightDecay,
        o.learningRate / c1,
        1 / Math.sqrt(c2),
        o.epsilon,
      ]);
      if (this.layout === 'rows') {
        for (let j = 0; j < I; j++) {
          if (this.frozen[j]) continue;
          this.ledger.record(j, this.rowStep(this.inst[j]));
        }
      } else {
        for (let g = 0; g < I; g += 4) {
          const group = [...Array(Math.min(4, I - g)).keys()].map((l) => g + l);
          if (group.every((j) => this.frozen[j])) continue;
          this.laneStep(group);
        }
      }
      this.steps++;
    }
  }

  /** The kernel's rowStep for one instance; returns the loss before the update. */
  private rowStep(t: TwinInstance): number {
    const { n, m, batchSize: B, kind } = this.config;
    const relu = kind === 'relu';
    const gW = new Float32Array(n * m);
    const gb = new Float32Array(n);
    const sampler = new RowSampler(t, B);
    let loss = 0;
    let zeroRows = 0;
    for (let c0 = 0; c0 < B; c0 += CHUNK) {
      const R = Math.min(CHUNK, B - c0);
      const { X, act } = sampler.chunk(c0, R);
      const live: number[] = [];
      for (let r = 0; r < R; r++) {
        if (act[r].length === 0) zeroRows++;
        else live.push(r);
      }
      const hOf = (r: number) => {
        const h = new Float32Array(m);
        for (const i of act[r]) for (let k = 0; k < m; k++) h[k] = f(h[k] + f(X[r][i] * t.W[i * m + k]));
        return h;
      };
      const H = live.map(hOf);
      const G = live.map(() => new Float32Array(n));
      const GH = live.map(() => new Float32Array(m));
      live.forEach((r, q) => {
        const rowLoss = [0, 0, 0, 0];
        for (let i = 0; i < n; i++) {
          let acc = 0;
          for (let k = 0; k < m; k++) acc = f(acc + f(H[q][k] * t.W[i * m + k]));
          const o = f(acc + t.b[i]);
          const y = relu ? (o > 0 ? o : 0) : o;
          const e = f(y - X[r][i]);
          rowLoss[i & 3] = f(rowLoss[i & 3] + f(t.imp[i] * f(e * e)));
          let g = f(t.gs[i] * e);
          if (relu && !(o > 0)) g = 0;
          gb[i] = f(gb[i] + g);
          G[q][i] = g;
        }
        loss += reduce4(rowLoss);
      });
      // Decoder side, per tile of four rows, over the outputs with a gradient in any of them
      // (the kernel multiplies the zeros of the other rows too, and so does the twin).
      for (let q0 = 0; q0 < live.length; q0 += 4) {
        const tile = [0, 1, 2, 3].map((d) => q0 + d);
        const g = (q: number, i: number) => (q < live.length ? G[q][i] : 0);
        const h = (q: number, k: number) => (q < live.length ? H[q][k] : 0);
        const outputs = [...Array(n).keys()].filter((i) => tile.some((q) => g(q, i) !== 0));
        for (const q of tile) {
          if (q >= live.length) continue;
          for (const i of outputs) for (let k = 0; k < m; k++) GH[q][k] = f(GH[q][k] + f(G[q][i] * t.W[i * m + k]));
        }
        for (const i of outputs) {
          for (let k = 0; k < m; k++) for (const q of tile) gW[i * m + k] = f(gW[i * m + k] + f(g(q, i) * h(q, k)));
        }
      }
      for (let i = 0; i < n; i++) {
        for (let q = 0; q < live.length; q++) {
          if (act[live[q]].includes(i))
            for (let k = 0; k < m; k++) gW[i * m + k] = f(gW[i * m + k] + f(X[live[q]][i] * GH[q][k]));
        }
      }
    }
    if (zeroRows > 0) {
      const zl = [0, 0, 0, 0];
      for (let i = 0; i < n; i++) {
        const o = t.b[i];
        const y = relu ? (o > 0 ? o : 0) : o;
        zl[i & 3] = f(zl[i & 3] + f(t.imp[i] * f(y * y)));
        let g = f(t.gs[i] * y);
        if (relu && !(o > 0)) g = 0;
        gb[i] = f(gb[i] + f(zeroRows * g));
      }
      loss += zeroRows * reduce4(zl);
    }
    this.adamW(t.W, t.mW, t.vW, gW);
    this.adamW(t.b, t.mb, t.vb, gb);
    return loss / (B * n);
  }

  /** The kernel's laneStep for up to four instances (lane l = group[l]). */
  private laneStep(group: number[]): void {
    const { n, m, batchSize: B, kind } = this.config;
    const relu = kind === 'relu';
    const L = group.map((j) => this.inst[j]);
    const gW = L.map(() => new Float32Array(n * m));
    const gb = L.map(() => new Float32Array(n));
    const acc = L.map(() => 0);
    const laneZeros = L.map(() => 0);
    let zeroRows = 0;
    const X = L.map(() => new Float32Array(n));
    const keep = L.map(() => new Uint8Array(n));
    for (let r = 0; r < B; r++) {
      let any = false;
      for (let i = 0; i < n; i++) {
        L.forEach((t, l) => {
          const u = t.rng.uniform24();
          keep[l][i] = u < t.dens[i] ? 1 : 0;
          X[l][i] = keep[l][i] ? f(u * t.inv[i]) : 0;
          if (keep[l][i]) any = true;
        });
      }
      if (!any) {
        zeroRows++;
        continue;
      }
      L.forEach((t, l) => {
        const x = X[l];
        // A lane whose own row is all zero: masked out here, counted with its zero rows.
        const live = keep[l].some((k) => k === 1);
        if (!live) laneZeros[l]++;
        const h = new Float32Array(m);
        for (let k = 0; k < m; k++) {
          let s = 0;
          for (let i = 0; i < n; i++) s = f(s + f(x[i] * t.W[i * m + k]));
          h[k] = s;
        }
        const gh = new Float32Array(m);
        let rowLoss = 0;
        for (let i = 0; i < n; i++) {
          let o = t.b[i];
          for (let k = 0; k < m; k++) o = f(o + f(t.W[i * m + k] * h[k]));
          const y = relu ? (o > 0 ? o : 0) : o;
          const e = f(y - x[i]);
          rowLoss = f(rowLoss + f(t.imp[i] * f(e * e)));
          let g = live ? f(t.gs[i] * e) : 0;
          if (relu && !(o > 0)) g = 0;
          gb[l][i] = f(gb[l][i] + g);
          for (let k = 0; k < m; k++) {
            gW[l][i * m + k] = f(gW[l][i * m + k] + f(g * h[k]));
            gh[k] = f(gh[k] + f(g * t.W[i * m + k]));
          }
        }
        for (let i = 0; i < n; i++)
          for (let k = 0; k < m; k++) gW[l][i * m + k] = f(gW[l][i * m + k] + f(x[i] * gh[k]));
        acc[l] += live ? rowLoss : 0;
      });
    }
    if (L.some((_, l) => zeroRows + laneZeros[l] > 0)) {
      L.forEach((t, l) => {
        const zr = zeroRows + laneZeros[l];
        let zl = 0;
        for (let i = 0; i < n; i++) {
          const o = t.b[i];
          const y = relu ? (o > 0 ? o : 0) : o;
          zl = f(zl + f(t.imp[i] * f(y * y)));
          let g = f(t.gs[i] * y);
          if (relu && !(o > 0)) g = 0;
          gb[l][i] = f(gb[l][i] + f(zr * g));
        }
        acc[l] += zr * zl;
      });
    }
    const scale = 1 / (B * n);
    L.forEach((t, l) => {
      const j = group[l];
      if (this.frozen[j]) return;
      this.adamW(t.W, t.mW, t.vW, gW[l]);
      this.adamW(t.b, t.mb, t.vb, gb[l]);
      this.ledger.record(j, acc[l] * scale);
    });
  }

  private adamW(p: Float32Array, mo: Float32Array, vo: Float32Array, g: Float32Array): void {
    const [b1, nb1, b2, nb2, decay, step, sc2, eps] = this.opt;
    for (let q = 0; q < g.length; q++) {
      const gq = g[q];
      const m1 = f(f(b1 * mo[q]) + f(nb1 * gq));
      const m2 = f(f(b2 * vo[q]) + f(nb2 * f(gq * gq)));
      mo[q] = m1;
      vo[q] = m2;
      const den = f(f(f(Math.sqrt(m2)) * sc2) + eps);
      p[q] = f(f(p[q] * decay) - f(f(step * m1) / den));
    }
  }

  async read(): Promise<TrainerState> {
    const { n, m } = this.config;
    const I = this.inst.length;
    const W = new Float32Array(I * n * m);
    const b = new Float32Array(I * n);
    this.inst.forEach((t, j) => {
      W.set(t.W, j * n * m);
      b.set(t.b, j * n);
    });
    return { W, b, loss: this.ledger.last.slice(), step: this.steps, ...this.ledger.takeMeans() };
  }

  setParams(W: Float32Array, b: Float32Array): void {
    const { n, m } = this.config;
    this.inst.forEach((t, j) => {
      t.W.set(W.subarray(j * n * m, (j + 1) * n * m));
      t.b.set(b.subarray(j * n, (j + 1) * n));
      for (const a of [t.mW, t.vW, t.mb, t.vb]) a.fill(0);
    });
    this.adamT = 0;
    this.frozen.fill(0);
    this.ledger.clear();
  }

  freeze(mask: Uint8Array): void {
    this.frozen.set(mask);
  }

  dispose(): void {}
}

function reduce4(v: number[]): number {
  return v[0] + v[1] + (v[2] + v[3]);
}

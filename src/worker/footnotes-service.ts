/**
 * The footnote experiments' service: runs inside the footnotes worker (and, for tests, anywhere).
 * Each method is one experiment of the section "What the footnotes claim" on plain typed arrays,
 * built from the model layer (src/model/footnotes/*) and the batched solvers (src/train/solvers/fista.ts,
 * src/train/solvers/l1-margin.ts). Knows nothing of the page.
 *
 * The tensor backend (for dictionary learning and compressed sensing) is activated on first use:
 * wasm, else cpu. Long loops yield to the event loop between chunks, so a newer request can
 * arrive and supersede an older one of the same kind (which then rejects with SUPERSEDED).
 */
import { transitionWidth } from '../model/footnotes/compressed-sensing';
import {
  cosineMatrix,
  featureDirections,
  matchedAtomOrder,
  recoveryFraction,
  sampleHiddenActivations,
} from '../model/footnotes/dictionary';
import { removeDirectionLossChange } from '../model/footnotes/forward-pass';
import {
  column,
  excessKurtosisPerDimension,
  gaussianFit,
  hiddenSamples,
  kurtosisByFeaturesPerDimension,
} from '../model/footnotes/gaussian';
import { featureNorms, representedFeatures } from '../model/metrics';
import { activateFirstAvailable } from '../train/basic/paths';
import { learnDictionary, recoveryCurve } from '../train/solvers/fista';
import { L1MarginTrainer, lambdaSweep, totalSuperposition } from '../train/solvers/l1-margin';
import {
  DEFAULT_CS_TRIALS,
  SUPERSEDED,
  type CompressedSensingCurve,
  type CompressedSensingRequest,
  type CompressedSensingResult,
  type DictionaryCurvesRequest,
  type DictionaryCurvesResult,
  type DictionaryRequest,
  type DictionaryResult,
  type FootnotesApi,
  type GaussianRequest,
  type GaussianResult,
  type L1MarginRequest,
  type L1MarginResult,
  type ProgressCallback,
  type RemoveDirectionRequest,
  type RemoveDirectionResult,
  type TensorBackend,
} from './footnotes-protocol';
import {
  MIN_DENSITY,
  clampDensities,
  finiteOr,
  meanOf,
  notify,
  positiveInt,
  uniqueSorted,
  validModel,
} from './footnotes-inputs';
import { yieldToEvents } from './yield-to-events';

/** Defaults, chosen so each answers within about 1–2 s on wasm (see the section's notes). */
export const FOOTNOTE_DEFAULTS = Object.freeze({
  removeSamples: 20_000,
  /**
   * Dictionary learning (single runs and every curve point alike, so the curves pass through the
   * single run's result): 1000 activations, 40 alternations × 30 FISTA steps. In our checks this
   * lands in the good minimum more often than 2000 × (30 × 40) at about half the cost.
   */
  dictionarySamples: 1000,
  dictionaryIterations: 40,
  dictionaryCodeIterations: 30,
  curveDensities: [0.01, 0.1, 0.3, 0.6] as readonly number[],
  curveRatios: [0.5, 1, 2, 4] as readonly number[],
  l1Steps: 500,
  l1EvalSamples: 100_000,
  l1Lambdas: lambdaSweep(1e-4, 1e-2, 5) as readonly number[],
  gaussianSamples: 50_000,
  gaussianM: 8,
  gaussianCurveSamples: 20_000,
  gaussianCurveRatios: [1, 2, 4, 8, 16, 32] as readonly number[],
  csNs: [25, 50, 100, 200] as readonly number[],
  /** Finer where the transitions are (k/m ≈ 0.3–0.8 at m = n/2), coarser where every size succeeds or fails. */
  csRatios: [0.1, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9, 1] as readonly number[],
  csRounds: 6,
  csIterationsPerRound: 40,
});

/** Where dictionary learning and compressed sensing run, in order of preference. */
const TENSOR_BACKENDS: readonly TensorBackend[] = ['wasm', 'cpu'];

/** L1 continuation steps between progress reports and yields. */
const L1_CHUNK = 25;

type Kind = 'remove' | 'dictionary' | 'curves' | 'l1' | 'gaussian' | 'cs';

export class FootnotesService implements FootnotesApi {
  private ready: Promise<TensorBackend> | null = null;
  private readonly generation = new Map<Kind, number>();
  private queue: Promise<unknown> = Promise.resolve();

  backend(): Promise<TensorBackend> {
    this.ready ??= activateFirstAvailable(TENSOR_BACKENDS).then(
      (path) => {
        if (path === 'wasm' || path === 'cpu') return path;
        throw new Error(`unexpected tensor backend ${path}`);
      },
      (e: unknown) => {
        this.ready = null; // the next request tries again
        throw e;
      },
    );
    return this.ready;
  }

  removeDirection(req: RemoveDirectionRequest): Promise<RemoveDirectionResult> {
    return this.serial('remove', async (check) => {
      const t0 = performance.now();
      const model = validModel(req.model);
      const { n, m } = model;
      const samples = positiveInt(req.samples, FOOTNOTE_DEFAULTS.removeSamples);
      const before = new Float64Array(n);
      const after = new Float64Array(n * n);
      const change = new Float64Array(n * n);
      const doubledOthers = new Int32Array(n);
      for (let f = 0; f < n; f++) {
        const r = removeDirectionLossChange(model.W, model.b, n, m, model.kind, model.importance, model.density, f, {
          samples,
          seed: req.seed ?? 1,
        });
        if (f === 0) before.set(r.before);
        after.set(r.after, f * n);
        change.set(r.change, f * n);
        for (let i = 0; i < n; i++) if (i !== f && r.before[i] > 0 && r.after[i] >= 2 * r.before[i]) doubledOthers[f]++;
        if (f % 4 === 3) {
          await yieldToEvents();
          check();
        }
      }
      return {
        n,
        samples,
        norms: featureNorms(model.W, n, m),
        before,
        after,
        change,
        doubledOthers,
        ms: performance.now() - t0,
      };
    });
  }

  dictionary(req: DictionaryRequest): Promise<DictionaryResult> {
    return this.serial('dictionary', async (check) => {
      const t0 = performance.now();
      const backend = await this.backend();
      const model = validModel(req.model);
      const { n, m, W } = model;
      const k = Math.max(1, Math.floor(finiteOr(req.k, 2 * n)));
      const samples = positiveInt(req.samples, FOOTNOTE_DEFAULTS.dictionarySamples);
      const threshold = finiteOr(req.threshold, 0.9);
      const density =
        req.density !== undefined ? Math.max(MIN_DENSITY, finiteOr(req.density, 0.1)) : clampDensities(model.density);
      const seed = req.seed ?? 1;
      const { H } = sampleHiddenActivations(W, n, m, density, samples, seed);
      await yieldToEvents();
      check();
      const represented = representedFeatures(W, n, m);
      const directions = featureDirections(W, m, represented);
      const dict = await learnDictionary(H, samples, m, {
        k,
        relativeLambda: req.relativeLambda,
        iterations: positiveInt(req.iterations, FOOTNOTE_DEFAULTS.dictionaryIterations),
        codeIterations: positiveInt(req.codeIterations, FOOTNOTE_DEFAULTS.dictionaryCodeIterations),
        seed,
      });
      check();
      const p = represented.length;
      const rec = recoveryFraction(directions, dict.B, m, threshold);
      const axes = new Float32Array(m * m);
      for (let q = 0; q < m; q++) axes[q * m + q] = 1;
      const axisRec = recoveryFraction(directions, axes, m, threshold);
      return {
        n,
        m,
        k,
        samples,
        represented,
        directions,
        atoms: dict.B,
        cos: cosineMatrix(directions, dict.B, m),
        atomOrder: p > 0 ? matchedAtomOrder(directions, dict.B, m) : Array.from({ length: k }, (_, j) => j),
        best: rec.best,
        bestAtom: rec.bestAtom,
        fraction: p > 0 ? rec.fraction : 0,
        threshold,
        axisFraction: p > 0 ? axisRec.fraction : 0,
        relativeError: dict.relativeError,
        meanActive: dict.meanActive,
        lambda: dict.lambda,
        backend,
        ms: performance.now() - t0,
      };
    });
  }

  dictionaryCurves(req: DictionaryCurvesRequest, onProgress?: ProgressCallback): Promise<DictionaryCurvesResult> {
    return this.serial('curves', async (check) => {
      const t0 = performance.now();
      const backend = await this.backend();
      const model = validModel(req.model);
      const { n, m, W } = model;
      const samples = positiveInt(req.samples, FOOTNOTE_DEFAULTS.dictionarySamples);
      const threshold = finiteOr(req.threshold, 0.9);
      const seed = req.seed ?? 1;
      const own = Number(meanOf(model.density).toPrecision(6)); // float32 densities: 0.05, not 0.0500000007
      const curveDensity = Math.min(1, Math.max(MIN_DENSITY, finiteOr(req.density ?? own, own)));
      const densities = uniqueSorted(
        (req.densities ?? [...FOOTNOTE_DEFAULTS.curveDensities, own, curveDensity]).map((d) =>
          Math.min(1, Math.max(MIN_DENSITY, d)),
        ),
      );
      const ratios = uniqueSorted(req.ratios ?? [...FOOTNOTE_DEFAULTS.curveRatios]);
      const kPer = finiteOr(req.kPerFeature, 2);
      const represented = representedFeatures(W, n, m);
      const directions = featureDirections(W, m, represented);
      const opts = {
        relativeLambda: req.relativeLambda,
        iterations: positiveInt(req.iterations, FOOTNOTE_DEFAULTS.dictionaryIterations),
        codeIterations: positiveInt(req.codeIterations, FOOTNOTE_DEFAULTS.dictionaryCodeIterations),
        seed,
      };
      const total = densities.length + ratios.length;
      let done = 0;
      const report = (label: string) => notify(onProgress, { done: ++done, total, label });
      const fractionFor = async (density: number, k: number) => {
        if (represented.length === 0) return 0;
        const known = req.known?.find(
          (q) => q.k === k && Math.abs(q.density - density) <= 1e-6 * Math.max(density, 1e-9),
        );
        if (known) return known.fraction;
        const { H } = sampleHiddenActivations(W, n, m, density, samples, seed);
        const dict = await learnDictionary(H, samples, m, { ...opts, k });
        return recoveryFraction(directions, dict.B, m, threshold).fraction;
      };
      const byDensity: DictionaryCurvesResult['byDensity'] = [];
      for (const density of densities) {
        byDensity.push({ density, fraction: await fractionFor(density, Math.max(1, Math.round(kPer * n))) });
        report(`1 − S = ${density}`);
        await yieldToEvents();
        check();
      }
      const byRatio: DictionaryCurvesResult['byRatio'] = [];
      for (const ratio of ratios) {
        const k = Math.max(1, Math.round(ratio * n));
        byRatio.push({ ratio, k, fraction: await fractionFor(curveDensity, k) });
        report(`k = ${k}`);
        await yieldToEvents();
        check();
      }
      return { byDensity, byRatio, samples, backend, ms: performance.now() - t0 };
    });
  }

  l1Margin(req: L1MarginRequest, onProgress?: ProgressCallback): Promise<L1MarginResult> {
    return this.serial('l1', async (check) => {
      const t0 = performance.now();
      const model = validModel(req.model);
      const { n, m } = model;
      const steps = positiveInt(req.steps, FOOTNOTE_DEFAULTS.l1Steps);
      const evalSamples = positiveInt(req.evalSamples, FOOTNOTE_DEFAULTS.l1EvalSamples);
      const lambdas = uniqueSorted(
        [0, ...(req.lambdas ?? FOOTNOTE_DEFAULTS.l1Lambdas)].filter((l) => Number.isFinite(l) && l >= 0),
      );
      const trainer = new L1MarginTrainer({
        n,
        m,
        kind: model.kind,
        W: model.W,
        b: model.b,
        density: model.density,
        importance: model.importance,
        lambdas,
        batchSize: req.batchSize,
        seed: req.seed ?? 5,
      });
      notify(onProgress, { done: 0, total: steps, label: 'training' });
      for (let s = 0; s < steps; s += L1_CHUNK) {
        trainer.stepSync(Math.min(L1_CHUNK, steps - s));
        notify(onProgress, { done: trainer.steps, total: steps, label: 'training' });
        await yieldToEvents();
        check();
      }
      notify(onProgress, { done: steps, total: steps, label: 'evaluating' });
      const rows = trainer
        .evaluate(evalSamples, req.seed ?? 9)
        .map(({ lambda, loss, superposition, relativeLoss, relativeSuperposition, meanAbsHidden }) => ({
          lambda,
          loss,
          superposition,
          relativeLoss,
          relativeSuperposition,
          meanAbsHidden,
        }));
      check();
      let marginLambda: number | null = null;
      let bestCut = 0;
      for (const r of rows) {
        if (r.lambda > 0 && r.relativeLoss <= 0.01 && r.relativeSuperposition < bestCut) {
          bestCut = r.relativeSuperposition;
          marginLambda = r.lambda;
        }
      }
      return {
        rows,
        steps,
        evalSamples,
        startSuperposition: totalSuperposition(model.W, n, m),
        marginLambda,
        ms: performance.now() - t0,
      };
    });
  }

  gaussian(req: GaussianRequest): Promise<GaussianResult> {
    return this.serial('gaussian', async (check) => {
      const t0 = performance.now();
      const density = Math.min(1, Math.max(MIN_DENSITY, finiteOr(req.density, 0.1)));
      const samples = positiveInt(req.samples, FOOTNOTE_DEFAULTS.gaussianSamples);
      const seed = req.seed ?? 1;
      let sampled: { H: Float32Array; n: number; m: number };
      if (req.source === 'model') {
        if (!req.model) throw new Error('gaussian: source "model" needs a model');
        const model = validModel(req.model);
        sampled = hiddenSamples({ m: model.m, W: model.W, density, samples, seed });
      } else {
        const m = positiveInt(req.m, FOOTNOTE_DEFAULTS.gaussianM);
        sampled = hiddenSamples({
          m,
          featuresPerDimension: finiteOr(req.featuresPerDimension, 8),
          density,
          samples,
          seed,
        });
      }
      const { H, n, m } = sampled;
      const dimension = Math.min(m - 1, Math.max(0, Math.floor(finiteOr(req.dimension, 0))));
      const fit = gaussianFit(column(H, m, dimension), positiveInt(req.bins, 60), positiveInt(req.qqPoints, 99));
      const perDimension = excessKurtosisPerDimension(H, m);
      await yieldToEvents();
      check();
      const curveM = m;
      const curve = kurtosisByFeaturesPerDimension(req.curveRatios ?? [...FOOTNOTE_DEFAULTS.gaussianCurveRatios], {
        m: curveM,
        density,
        samples: positiveInt(req.curveSamples, FOOTNOTE_DEFAULTS.gaussianCurveSamples),
        seed,
      });
      check();
      return {
        n,
        m,
        dimension,
        samples,
        featuresPerDimension: n / m,
        mean: fit.mean,
        std: fit.std,
        skewness: fit.skewness,
        excessKurtosis: fit.excessKurtosis,
        edges: fit.edges,
        density: fit.density,
        normalDensity: fit.normalDensity,
        qqTheoretical: fit.qqTheoretical,
        qqSample: fit.qqSample,
        perDimension,
        curve,
        curveM,
        ms: performance.now() - t0,
      };
    });
  }

  compressedSensing(
    req: CompressedSensingRequest,
    onProgress?: ProgressCallback,
    onPartial?: (curve: CompressedSensingCurve) => void,
  ): Promise<CompressedSensingResult> {
    return this.serial('cs', async (check) => {
      const t0 = performance.now();
      const backend = await this.backend();
      const ns = (req.ns ?? [...FOOTNOTE_DEFAULTS.csNs]).map((v) => Math.floor(v)).filter((v) => v >= 2);
      const ratios = req.ratios ?? [...FOOTNOTE_DEFAULTS.csRatios];
      const scale = finiteOr(req.trialsScale, 1);
      const curves: CompressedSensingCurve[] = [];
      notify(onProgress, { done: 0, total: ns.length, label: `n = ${ns[0] ?? '—'}` });
      for (let j = 0; j < ns.length; j++) {
        const n = ns[j];
        const given = Array.isArray(req.trials) ? req.trials[j] : req.trials;
        const trials = Math.max(
          1,
          Math.round((given ?? DEFAULT_CS_TRIALS[n] ?? 8) * (given !== undefined ? 1 : scale)),
        );
        const t1 = performance.now();
        const c = await recoveryCurve({
          n,
          trials,
          ratios,
          seed: req.seed ?? 1,
          rounds: positiveInt(req.rounds, FOOTNOTE_DEFAULTS.csRounds),
          iterationsPerRound: positiveInt(req.iterationsPerRound, FOOTNOTE_DEFAULTS.csIterationsPerRound),
        });
        check();
        const w = transitionWidth(c.ratios, c.success);
        const curve: CompressedSensingCurve = {
          ...c,
          start: w.start,
          end: w.end,
          width: w.width,
          ms: performance.now() - t1,
        };
        curves.push(curve);
        if (onPartial) void Promise.resolve(onPartial(curve)).catch(() => undefined);
        notify(onProgress, { done: j + 1, total: ns.length, label: j + 1 < ns.length ? `n = ${ns[j + 1]}` : 'done' });
        await yieldToEvents();
        check();
      }
      return { curves, backend, ms: performance.now() - t0 };
    });
  }

  /**
   * Run requests one at a time, in arrival order (so what the reader asked for first is answered
   * first, rather than everything slowly at once). A request superseded while it waits is dropped
   * as soon as its turn comes; one superseded while it runs stops at its next check.
   */
  private serial<T>(kind: Kind, fn: (check: () => void) => Promise<T>): Promise<T> {
    const check = this.begin(kind);
    const run = this.queue.then(() => {
      check();
      return fn(check);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Start a request of this kind; the returned check throws once a newer one has started. */
  private begin(kind: Kind): () => void {
    const id = (this.generation.get(kind) ?? 0) + 1;
    this.generation.set(kind, id);
    return () => {
      if (this.generation.get(kind) !== id) throw new Error(`${SUPERSEDED}: a newer ${kind} request replaced this one`);
    };
  }
}

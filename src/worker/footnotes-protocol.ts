/**
 * The typed protocol between the page and the footnotes worker (Comlink RPC): the heavy parts of
 * the section "What the footnotes claim", one method per experiment. Requests and results are
 * plain objects of numbers and typed arrays (structured-clonable). Long computations report
 * progress through an optional callback (pass it wrapped in Comlink.proxy from the page).
 *
 * A newer request of the same kind supersedes an older one still running: the older rejects
 * with an error whose message starts with SUPERSEDED, which the page ignores.
 */
import type { RecoveryCurve } from '../train/solvers/fista';
import type { L1MarginRow } from '../train/solvers/l1-margin';

/** One trained instance (feature-major W [n, m]). The page's FootnoteModel (src/experiments/shared/footnote-model.ts) is one. */
export interface ModelData {
  W: Float32Array;
  b: Float32Array;
  n: number;
  m: number;
  kind: 'relu' | 'linear';
  importance: Float32Array;
  density: Float32Array;
}

/** Prefix of the rejection message of a request overtaken by a newer one of the same kind. */
export const SUPERSEDED = 'superseded';

export type TensorBackend = 'wasm' | 'cpu';

export interface Progress {
  /** Units done and in all (steps, curves…), and what is being done. */
  done: number;
  total: number;
  label: string;
}

export type ProgressCallback = (p: Progress) => void;

// ——— 1. Removing a direction (footnote 19) ———

export interface RemoveDirectionRequest {
  model: ModelData;
  /** Evaluation inputs (the same fixed set for every removal; default 20 000). */
  samples?: number;
  seed?: number;
}

export interface RemoveDirectionResult {
  n: number;
  samples: number;
  /** ‖W_i‖ per feature (a feature with ~0 norm has no direction to remove). */
  norms: Float64Array;
  /** Expected loss E[I_i (x_i − x′_i)²] of every feature with nothing removed [n]. */
  before: Float64Array;
  /** Row f: every feature's expected loss after projecting out Ŵ_f [n, n] (f-major). */
  after: Float64Array;
  /** Row f: after − before [n, n]. */
  change: Float64Array;
  /** Per removed feature f: how many *other* features at least doubled their loss. */
  doubledOthers: Int32Array;
  ms: number;
}

// ——— 2. Dictionary learning (footnote 20) ———

/** How a dictionary is learned and scored: the same for a single run and every point of its curves. */
export interface DictionarySettings {
  model: ModelData;
  /** L1 weight relative to the RMS norm of the activations (default 0.05). */
  relativeLambda?: number;
  /** Activations sampled (default 1000). */
  samples?: number;
  /** Alternations and FISTA iterations per code update (defaults 40 and 30). */
  iterations?: number;
  codeIterations?: number;
  /** |cos| at which a feature counts as recovered (default 0.9). */
  threshold?: number;
  seed?: number;
}

export interface DictionaryRequest extends DictionarySettings {
  /** Number of atoms. */
  k: number;
  /** Density 1 − S of the inputs behind the sampled activations (default: the model's own). */
  density?: number;
}

export interface DictionaryResult {
  n: number;
  m: number;
  k: number;
  samples: number;
  /** The features with ‖W_i‖ > 0.5: the ones a dictionary can hope to find. */
  represented: number[];
  /** Their unit directions [represented.length, m]. */
  directions: Float64Array;
  /** The learned unit-norm atoms [k, m]. */
  atoms: Float32Array;
  /** Signed cosine between each represented feature and each atom [represented.length, k]. */
  cos: Float64Array;
  /** Display order of the atoms: matched one-to-one first (on the diagonal), then the rest. */
  atomOrder: number[];
  /** Per represented feature: best |cos| over the atoms, and which atom. */
  best: Float64Array;
  bestAtom: Int32Array;
  /** Fraction of represented features whose best atom has |cos| ≥ threshold. */
  fraction: number;
  threshold: number;
  /** Control: the same fraction for the hidden basis itself (what one reads off without learning). */
  axisFraction: number;
  relativeError: number;
  meanActive: number;
  lambda: number;
  backend: TensorBackend;
  ms: number;
}

export interface DictionaryCurvesRequest extends DictionarySettings {
  /** Atoms as a multiple of n, for the curve over sparsity (default 2). */
  kPerFeature?: number;
  /** Densities of the sampled inputs (default 0.01, 0.1, 0.3, 0.6, plus the model's own and `density`). */
  densities?: number[];
  /** k/n values (default 0.5, 1, 2, 4). */
  ratios?: number[];
  /** Density for the curve over k/n (default the model's own). */
  density?: number;
  /** Points already computed with these same settings (e.g. the single run): used, not recomputed. */
  known?: { density: number; k: number; fraction: number }[];
}

export interface DictionaryCurvesResult {
  byDensity: { density: number; fraction: number }[];
  byRatio: { ratio: number; k: number; fraction: number }[];
  samples: number;
  backend: TensorBackend;
  ms: number;
}

// ——— 3. The L1 margin (footnote 21) ———

export interface L1MarginRequest {
  model: ModelData;
  /** Penalty strengths, one continuation each; 0 (the control) is added if missing. Default 0 and 1e-4 … 1e-2 (5, log-spaced). */
  lambdas?: number[];
  /** Continued training steps (batch 1024; default 500). */
  steps?: number;
  /** Fixed evaluation set (default 100 000). */
  evalSamples?: number;
  batchSize?: number;
  seed?: number;
}

/** One λ of the sweep (see train/l1-margin.ts), without the continued weights. */
export type L1MarginTableRow = Omit<L1MarginRow, 'W' | 'b'>;

export interface L1MarginResult {
  rows: L1MarginTableRow[];
  steps: number;
  evalSamples: number;
  /** Total superposition of the model before continuing. */
  startSuperposition: number;
  /** The λ > 0 with the largest superposition cut for at most 1% more loss (null if none). */
  marginLambda: number | null;
  ms: number;
}

// ——— 4. Gaussian latents (footnote 22) ———

export interface GaussianRequest {
  /** 'random': n = ratio·m random unit directions; 'model': the given model's W. */
  source: 'random' | 'model';
  model?: ModelData;
  /** Hidden dimensions for 'random' (default 8). */
  m?: number;
  /** Features per hidden dimension for 'random' (default 8). */
  featuresPerDimension?: number;
  /** Feature density 1 − S (default 0.1). */
  density: number;
  /** Which hidden dimension's histogram (default 0). */
  dimension?: number;
  /** Samples of h (default 50 000). */
  samples?: number;
  bins?: number;
  qqPoints?: number;
  /** Features per dimension for the kurtosis curve (default 1, 2, 4, 8, 16, 32; random directions, m as above). */
  curveRatios?: number[];
  /** Samples per curve point (default 20 000). */
  curveSamples?: number;
  seed?: number;
}

export interface GaussianResult {
  n: number;
  m: number;
  dimension: number;
  samples: number;
  featuresPerDimension: number;
  mean: number;
  std: number;
  skewness: number;
  excessKurtosis: number;
  /** Histogram as a density: bins + 1 edges, and the moment-matched normal at the bin centres. */
  edges: Float64Array;
  density: Float64Array;
  normalDensity: Float64Array;
  /** Q–Q points: standard-normal quantiles against standardised sample quantiles. */
  qqTheoretical: Float64Array;
  qqSample: Float64Array;
  /** Excess kurtosis of every hidden dimension. */
  perDimension: Float64Array;
  /** Excess kurtosis against features per dimension (random directions, m = curveM). */
  curve: { ratio: number; n: number; dimension0: number; mean: number }[];
  curveM: number;
  ms: number;
}

// ——— 5. Compressed sensing (footnotes 23–24) ———

export interface CompressedSensingRequest {
  /** Signal sizes (default 25, 50, 100, 200); m = n/2 measurements each. */
  ns?: number[];
  /** Random problems per k, per n (default DEFAULT_CS_TRIALS[n], else 8); a number applies to all. */
  trials?: number | number[];
  /** Multiplies every default trial count (default 1). */
  trialsScale?: number;
  /** k/m grid (default 0.1, 0.2, 0.3 … 0.8 in steps of 0.05, 0.9, 1). */
  ratios?: number[];
  /** Bregman rounds × FISTA iterations (defaults 6 × 40: the same verdicts as 10 × 60 in our checks, 2.5× faster). */
  rounds?: number;
  iterationsPerRound?: number;
  seed?: number;
}

/** A size's recovery curve (see train/fista.ts) with its measured transition. */
export interface CompressedSensingCurve extends RecoveryCurve {
  /** k/m at 90% and 10% success (of the monotone fit) and the width between. NaN where not crossed. */
  start: number;
  end: number;
  width: number;
  ms: number;
}

export interface CompressedSensingResult {
  curves: CompressedSensingCurve[];
  backend: TensorBackend;
  ms: number;
}

/** Default problems per k for each n: fewer for the larger (costlier, and sharper) problems. */
export const DEFAULT_CS_TRIALS: Readonly<Record<number, number>> = { 25: 48, 50: 32, 100: 16, 200: 8, 400: 4 };

export interface FootnotesApi {
  /** The tensor backend in use (activates it on first call: wasm, else cpu). */
  backend(): Promise<TensorBackend>;
  /** Every feature's loss change for the removal of every feature's direction (one fixed evaluation set). */
  removeDirection(req: RemoveDirectionRequest): Promise<RemoveDirectionResult>;
  dictionary(req: DictionaryRequest): Promise<DictionaryResult>;
  dictionaryCurves(req: DictionaryCurvesRequest, onProgress?: ProgressCallback): Promise<DictionaryCurvesResult>;
  l1Margin(req: L1MarginRequest, onProgress?: ProgressCallback): Promise<L1MarginResult>;
  gaussian(req: GaussianRequest): Promise<GaussianResult>;
  /** onPartial receives each n's curve as soon as it is done. */
  compressedSensing(
    req: CompressedSensingRequest,
    onProgress?: ProgressCallback,
    onPartial?: (curve: CompressedSensingCurve) => void,
  ): Promise<CompressedSensingResult>;
}

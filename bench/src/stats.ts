/**
 * Summaries of repeated measurements: the median and its spread (p25–p75 and min/max), the way
 * every figure of the report is given. Absolute times on a shared machine are noise; the ratios
 * between a subject and its baseline measured in the same run are the result.
 */

/** Median and spread of a set of samples (same unit as the samples). */
export interface Summary {
  readonly median: number;
  readonly p25: number;
  readonly p75: number;
  readonly min: number;
  readonly max: number;
  /** Number of samples. */
  readonly n: number;
}

/** Linear-interpolated quantile `q` (0..1) of sorted values. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lower = Math.floor(pos);
  const upper = Math.ceil(pos);
  const a = sorted[lower] as number;
  const b = sorted[upper] as number;
  return a + (b - a) * (pos - lower);
}

/**
 * Summarises samples.
 * @throws RangeError when there is no sample or a sample is not a finite number.
 */
export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new RangeError("summarize: no samples");
  if (samples.some((s) => !Number.isFinite(s)))
    throw new RangeError(`summarize: non-finite sample in [${samples.join(", ")}]`);
  const sorted = [...samples].sort((x, y) => x - y);
  return {
    median: quantile(sorted, 0.5),
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    n: sorted.length,
  };
}

/** Per-round ratios `subject[i] / baseline[i]` (rounds measured back to back). */
export function ratios(subject: readonly number[], baseline: readonly number[]): number[] {
  if (subject.length !== baseline.length)
    throw new RangeError(`ratios: ${subject.length} subject rounds vs ${baseline.length} baseline rounds`);
  return subject.map((s, i) => s / (baseline[i] as number));
}

/**
 * Ratios over pairs of rounds measured in opposite orders (rounds 0 and 1, 2 and 3, ...):
 * `(subject[2k] + subject[2k+1]) / (baseline[2k] + baseline[2k+1])`. A crossover design: when
 * whichever process runs second is faster (warm caches), each pair holds that advantage once on
 * each side, where per-round ratios split into two groups and an odd count tilts their median.
 * @throws RangeError when the counts differ or are odd.
 */
export function pairedRatios(subject: readonly number[], baseline: readonly number[]): number[] {
  if (subject.length !== baseline.length || subject.length % 2 !== 0)
    throw new RangeError(
      `pairedRatios: needs the same even number of rounds (${subject.length} subject, ${baseline.length} baseline)`,
    );
  const out: number[] = [];
  for (let i = 0; i < subject.length; i += 2) {
    out.push(
      ((subject[i] as number) + (subject[i + 1] as number)) /
        ((baseline[i] as number) + (baseline[i + 1] as number)),
    );
  }
  return out;
}

/** Rounds to `digits` significant-ish decimals for the report (keeps small values readable). */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value)) return value;
  const abs = Math.abs(value);
  const decimals = abs >= 100 ? 1 : abs >= 1 ? digits - 1 : digits + 1;
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

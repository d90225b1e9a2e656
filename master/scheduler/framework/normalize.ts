// Kubernetes' DefaultNormalizeScore, shared by the score plugins that count things: scales
// raw scores so the highest becomes `max`; `reverse` makes the lowest best.
export function defaultNormalize(scores: Float64Array, max: number, reverse: boolean): void {
  let top = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i]! > top) top = scores[i]!;
  if (top === 0) {
    if (reverse) scores.fill(max);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    const s = Math.trunc((max * scores[i]!) / top);
    scores[i] = reverse ? max - s : s;
  }
}

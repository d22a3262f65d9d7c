/**
 * Set operations on half-open spans [start, end) of epoch milliseconds. Functions that take lists
 * expect them normalized: sorted by start, non-empty, and neither overlapping nor touching.
 */

export interface Span {
  start: number;
  end: number;
}

/** Sorts spans, drops empty ones and merges those that overlap or touch. */
export function normalizeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((span) => span.end > span.start).sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) {
      last.end = Math.max(last.end, span.end);
    } else {
      merged.push({ start: span.start, end: span.end });
    }
  }
  return merged;
}

/** Returns the parts of `spans` that lie inside `other`. */
export function intersectSpans(spans: readonly Span[], other: readonly Span[]): Span[] {
  const result: Span[] = [];
  for (const span of spans) {
    for (const cut of other) {
      const start = Math.max(span.start, cut.start);
      const end = Math.min(span.end, cut.end);
      if (end > start) result.push({ start, end });
    }
  }
  return normalizeSpans(result);
}

/** Returns the parts of `spans` that lie outside `removed`. */
export function subtractSpans(spans: readonly Span[], removed: readonly Span[]): Span[] {
  let remaining = spans.map((span) => ({ start: span.start, end: span.end }));
  for (const cut of removed) {
    const next: Span[] = [];
    for (const span of remaining) {
      if (cut.end <= span.start || cut.start >= span.end) {
        next.push(span);
        continue;
      }
      if (cut.start > span.start) next.push({ start: span.start, end: cut.start });
      if (cut.end < span.end) next.push({ start: cut.end, end: span.end });
    }
    remaining = next;
  }
  return remaining;
}

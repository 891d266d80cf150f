import { createRequire } from 'node:module';

/** One metric family of a Prometheus text answer, as prom2json shapes it. */
export interface MetricFamily {
  name: string;
  help: string;
  type: 'GAUGE' | 'COUNTER' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED';
  metrics: { value?: string; labels?: Record<string, string> }[];
}

// An independent parser (a port of Prometheus's own client parser), so the test does not read our text with our assumptions.
const parse = createRequire(import.meta.url)('parse-prometheus-text-format') as (text: string) => MetricFamily[];

/** Parses the text format; throws on a line the format does not allow. */
export function parsePrometheus(text: string): Map<string, MetricFamily> {
  return new Map(parse(text).map((f) => [f.name, f]));
}

/** The series of `name` as `{ labels, value }`, sorted by their labels for stable comparisons. */
export function seriesOf(families: Map<string, MetricFamily>, name: string): { labels: Record<string, string>; value: number }[] {
  return (families.get(name)?.metrics ?? []).map((m) => ({ labels: m.labels ?? {}, value: Number(m.value) })).sort((a, b) => JSON.stringify(a.labels).localeCompare(JSON.stringify(b.labels)));
}

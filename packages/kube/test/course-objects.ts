/**
 * The course scenario's objects (the simulator's demo cluster), read straight from its YAML:
 * realistic inputs for the kinds' readers without starting a simulator.
 */
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

const COURSE = new URL('../../kube-sim/scenarios/course.yaml', import.meta.url);
const objects = parseAllDocuments(readFileSync(COURSE, 'utf8')).map((d) => d.toJS() as { kind: string; metadata: { name: string; namespace?: string } });

/** The course object of this kind and name (and namespace, when two share a name); throws when absent. */
export function courseObject(kind: string, name: string, namespace?: string): Record<string, unknown> {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace));
  if (!found) throw new Error(`course.yaml has no ${kind} ${namespace ?? '*'}/${name}`);
  return found;
}

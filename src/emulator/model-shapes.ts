/**
 * Answers carry only what the model defines (EMULATOR.md §4): a value cut down to the members of its shape, with
 * the shapes taken from the generated constraints, so a raw client's unmodelled nested members (which Coral
 * ignores on input) are never stored or echoed back.
 */
import { voiceIdConstraints } from '../constraints/load.js';

/** `value` with every member its shape (recursively) does not model left out. */
export function modelled(shapeName: string, value: unknown): unknown {
  const spec = voiceIdConstraints();
  const shape = spec.shapes[shapeName];
  if (shape?.type === 'structure' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(shape.members)) {
      if (obj[name] !== undefined && obj[name] !== null) out[name] = modelled(member.target, obj[name]);
    }
    return out;
  }
  if (shape?.type === 'list' && Array.isArray(value)) return value.map((v) => modelled(shape.member, v));
  return value;
}

/**
 * The members a Start*Job request and the job shape its Describe returns have in common (the job's
 * configuration: DataAccessRoleArn, InputDataConfig, ...), each with its shape in the job: what Describe echoes.
 */
export function echoedMembers(startOperation: string, jobShape: string): readonly (readonly [string, string])[] {
  const spec = voiceIdConstraints();
  const request = spec.shapes[spec.operations[startOperation]!.input];
  const job = spec.shapes[jobShape];
  if (request?.type !== 'structure' || job?.type !== 'structure') throw new Error(`no structure shapes for ${startOperation} / ${jobShape}`);
  const identity = new Set(['JobName', 'DomainId']);
  return Object.entries(job.members)
    .filter(([name]) => !identity.has(name) && Object.hasOwn(request.members, name))
    .map(([name, member]) => [name, member.target] as const);
}

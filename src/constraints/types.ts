/** The shape of specs/voice-id-constraints.json (written by scripts/gen-constraints.ts from the Smithy model). */

export interface Bounds {
  readonly min?: number;
  readonly max?: number;
}

export interface MemberSpec {
  readonly target: string;
  readonly required?: true;
  readonly idempotencyToken?: true;
  readonly default?: unknown;
}

interface ShapeBase {
  readonly sensitive?: true;
  readonly default?: unknown;
}

export interface StructureShape extends ShapeBase {
  readonly type: 'structure';
  readonly members: Readonly<Record<string, MemberSpec>>;
  readonly error?: 'client' | 'server';
  readonly httpError?: number;
}
export interface StringShape extends ShapeBase {
  readonly type: 'string';
  readonly length?: Bounds;
  readonly pattern?: string;
  readonly enum?: readonly string[];
}
export interface ListShape extends ShapeBase {
  readonly type: 'list';
  readonly member: string;
  readonly length?: Bounds;
}
export interface NumberShape extends ShapeBase {
  readonly type: 'integer' | 'long' | 'float' | 'double';
  readonly range?: Bounds;
}
export interface ScalarShape extends ShapeBase {
  readonly type: 'boolean' | 'timestamp' | 'blob' | 'document';
}
export type Shape = StructureShape | StringShape | ListShape | NumberShape | ScalarShape;

export interface OperationSpec {
  readonly input: string;
  readonly output: string;
  readonly errors: readonly string[];
  readonly idempotent?: true;
  readonly readonly?: true;
  readonly paginated?: { readonly inputToken?: string; readonly outputToken?: string; readonly items?: string; readonly pageSize?: string };
}

export interface ServiceSpec {
  readonly shapeName: string;
  readonly sdkId: string;
  readonly arnNamespace: string;
  readonly endpointPrefix: string;
  readonly signingName: string;
  readonly protocol: 'awsJson1_0';
  readonly targetPrefix: string;
  readonly version: string;
  readonly operations: readonly string[];
}

export interface ConstraintsFile {
  readonly source: { readonly file: string; readonly sha256: string };
  readonly service: ServiceSpec;
  readonly operations: Readonly<Record<string, OperationSpec>>;
  readonly shapes: Readonly<Record<string, Shape>>;
}

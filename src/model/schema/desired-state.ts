/**
 * The YAML format (version 1, CONTRACT §3), defined once. From this module come the shipped editor schema
 * specs/desired-state.schema.json (`npm run gen:schemas`, checked fresh by a test and CI), the structure the CLI
 * validates (src/config/schema.ts compiles that file) and the TypeScript types of a document (src/model/desired.ts).
 *
 * Value constraints (lengths, patterns, ranges, enums) are copies of Voice ID shapes, each in a definition named
 * after its shape; test/config/schema-drift.test.ts keeps them equal to specs/voice-id-constraints.json, from
 * which src/config reports them with its own messages. Rules a schema cannot state (duplicates, declared
 * watchlists, opt-out file contents, agreement across files) are code in src/config.
 *
 * Each member of a domain's mapping is declared by the resource kind it belongs to (its `yaml.schema`, src/kinds/),
 * composed here in registry order; the named definitions they refer to are this module's `vocabulary`.
 *
 * Only scripts and tests import this module at run time: see definitions.ts.
 */
import Type, { type Static, type TSchema } from 'typebox';
import { Definitions, exactly, mapOf, type Referred } from './definitions.js';
import type { SchemaKit } from './kit.js';
import { IGNORABLE_ATTRIBUTES, RESERVED_TAG_PREFIX } from '../desired.js';
import { KIND_ORDER, kindModule } from '../../kinds/registry.js';
import type { domainYaml } from '../../kinds/domain.js';
import type { tagsYaml } from '../../kinds/tags.js';
import type { watchlistsYaml } from '../../kinds/watchlist.js';
import type { optOutsYaml } from '../../kinds/opt-outs.js';
import type { erasedSpeakersYaml } from '../../kinds/erased-speakers.js';
import type { deletedFraudstersYaml } from '../../kinds/deleted-fraudsters.js';
import type { enrollmentJobsYaml } from '../../kinds/enrollment-job.js';
import type { registrationJobsYaml } from '../../kinds/fraudster-registration-job.js';

const d = new Definitions();

/** `s` matched literally inside a regular expression. */
const regexLiteral = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const RESERVED = regexLiteral(RESERVED_TAG_PREFIX);

/** Voice ID's DescriptionLike pattern (Description, WatchlistDescription). */
const DESCRIPTION_PATTERN = '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-%@]*)$';
const TAG_PATTERN = '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$';
const NAME_PATTERN = '^[a-zA-Z0-9][a-zA-Z0-9_-]*$';

const Region = d.define('Region', Type.String({
  description: 'An AWS Region name.',
  pattern: '^[a-z]{2}(-[a-z]+)+-[0-9]+$',
  examples: ['us-east-1'],
}));
/** A Voice ID name (DomainName, CustomerSpeakerId, JobName, WatchlistName): 1 to 256 of NAME_PATTERN. */
const nameLike = (name: string, example: string, note = '') => d.define(name, Type.String({
  description: `Voice ID ${name}: letters, digits, \`_\` and \`-\`, starting with a letter or digit.${note}`,
  minLength: 1, maxLength: 256, pattern: NAME_PATTERN, examples: [example],
}));
/** Voice ID's DescriptionLike strings (Description, WatchlistDescription): 1 to 1024 characters. */
const descriptionLike = (name: string, description: string, example: string) => d.define(name, Type.String({
  description, minLength: 1, maxLength: 1024, pattern: DESCRIPTION_PATTERN, examples: [example],
}));
/** Voice ID's tag strings (TagKey, TagValue). */
const tagLike = (name: string, minLength: number, maxLength: number, example: string) => d.define(name, Type.String({
  description: `Voice ID ${name}: letters, digits, spaces and \`_.:/=+-@\`.`,
  minLength, maxLength, pattern: TAG_PATTERN, examples: [example],
}));

const DomainName = nameLike('DomainName', 'support-prod');
const Description = descriptionLike('Description', 'Voice ID Description: letters, digits, spaces and `_.:/=+-%@`.', 'Production support line');
const TagKey = tagLike('TagKey', 1, 128, 'team');
const TagValue = tagLike('TagValue', 0, 256, 'contact-center');
const ReservedTagKey = d.define('ReservedTagKey', Type.String({
  description: 'Tag keys reserved for voiceid-gitops ownership records.',
  pattern: `^${RESERVED}`,
}));
// Our own (PLAN.md R12.3): an attribute `ignoreChanges` may name. `tags.KEY` names one user tag, never a reserved one.
// The vocabulary is model/desired.ts's IGNORABLE_ATTRIBUTES (whence the IgnoreChange type and src/kinds/domain.ts's
// check) and RESERVED_TAG_PREFIX, so the three cannot drift.
const IgnoreChange = d.define('IgnoreChange', Type.String({
  description: `An attribute \`ignoreChanges\` may name: ${IGNORABLE_ATTRIBUTES.map((a) => `\`${a}\``).join(', ')}, or \`tags.KEY\` for one user tag (never a \`${RESERVED_TAG_PREFIX}\` tag).`,
  pattern: `^(${IGNORABLE_ATTRIBUTES.map(regexLiteral).join('|')}|tags\\.(?!${RESERVED}).+)$`,
  examples: ['description', 'tags.owner'],
}));
const CustomerSpeakerId = nameLike('CustomerSpeakerId', 'customer-0001', ' Personal data: shown masked in output.');
const FraudsterId = d.define('FraudsterId', Type.String({
  description: 'Voice ID FraudsterId: the id Voice ID generated for a fraudster (`id#` and 22 letters or digits). Not personal data: shown in clear.',
  minLength: 25, maxLength: 25, pattern: '^id#[a-zA-Z0-9]{22}$', examples: ['id#AbCdEfGhIjKlMnOpQrStUv'],
}));
const KmsKeyId = d.define('KmsKeyId', Type.String({
  description: 'Voice ID KmsKeyId.',
  minLength: 1, maxLength: 2048, examples: ['alias/voiceid'],
}));
const IamRoleArn = d.define('IamRoleArn', Type.String({
  description: 'IAM role that Voice ID assumes to read the input and write the output.',
  minLength: 20, maxLength: 2048, pattern: '^arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+$',
  examples: ['arn:aws:iam::111122223333:role/VoiceIdBatch'],
}));
const S3Uri = d.define('S3Uri', Type.String({
  description: 'Voice ID S3Uri: `s3://bucket/key`.',
  minLength: 0, maxLength: 1024, pattern: '^s3://[a-z0-9][\\.\\-a-z0-9]{1,61}[a-z0-9](/.*)?$',
  examples: ['s3://my-bucket/voiceid/manifest.json'],
}));
const Score = d.define('Score', Type.Integer({
  description: 'Voice ID Score: a whole number from 0 to 100.',
  minimum: 0, maximum: 100, examples: [50],
}));
const JobName = nameLike('JobName', 'backfill-2026-q1');
const WatchlistName = nameLike('WatchlistName', 'high-risk');
const WatchlistDescription = descriptionLike('WatchlistDescription', 'Voice ID WatchlistDescription.', 'Known fraud rings');
const DomainId = d.define('DomainId', Type.String({
  description: 'Voice ID DomainId: 22 letters or digits.',
  minLength: 22, maxLength: 22, pattern: '^[a-zA-Z0-9]{22}$', examples: ['AbCdEfGhIjKlMnOpQrStUv'],
}));
const ExistingEnrollmentAction = d.define('ExistingEnrollmentAction', Type.Enum(['SKIP', 'OVERWRITE'], {
  type: 'string', description: 'What to do with speakers already enrolled.', examples: ['SKIP'],
}));
const FraudDetectionAction = d.define('FraudDetectionAction', Type.Enum(['IGNORE', 'FAIL'], {
  type: 'string', description: 'What to do when a speaker is flagged as a fraudster.', examples: ['FAIL'],
}));
const DuplicateRegistrationAction = d.define('DuplicateRegistrationAction', Type.Enum(['SKIP', 'REGISTER_AS_NEW'], {
  type: 'string', description: 'What to do with a fraudster already registered.', examples: ['SKIP'],
}));
const EnrollmentJobFraudDetectionConfigWatchlistIds = d.define('EnrollmentJobFraudDetectionConfigWatchlistIds', Type.Array(WatchlistName(), {
  minItems: 1, maxItems: 1, examples: [['default']],
}));
const RegistrationConfigWatchlistIds = d.define('RegistrationConfigWatchlistIds', Type.Array(WatchlistName(), {
  minItems: 1, maxItems: 1, examples: [['high-risk']],
}));

const ONE_WATCHLIST = 'Exactly one watchlist name: a custom watchlist of this domain, or `default` for the default watchlist.';

/** What both job kinds take: where the data is and who may read it. */
const jobData = {
  dataAccessRoleArn: IamRoleArn(),
  inputS3Uri: S3Uri({ description: "S3 URI of the job's input manifest." }),
  outputS3Uri: S3Uri({ description: "S3 prefix where Voice ID writes the job's results." }),
  outputKmsKeyId: Type.Optional(KmsKeyId({ description: "KMS key that encrypts the job's output." })),
};

const FraudDetection = d.define('FraudDetection', Type.Object({
  action: Type.Optional(FraudDetectionAction()),
  riskThreshold: Type.Optional(Score({ description: 'Fraud risk score (0..100) above which a speaker is flagged.' })),
  watchlists: Type.Optional(EnrollmentJobFraudDetectionConfigWatchlistIds({ description: ONE_WATCHLIST })),
}, {
  description: 'Fraud detection while enrolling speakers.',
  additionalProperties: false,
  examples: [{ action: 'FAIL', riskThreshold: 50, watchlists: ['default'] }],
}));

const EnrollmentJob = d.define('EnrollmentJob', Type.Object({
  ...jobData,
  existingEnrollmentAction: Type.Optional(ExistingEnrollmentAction()),
  fraudDetection: Type.Optional(FraudDetection()),
}, { description: 'StartSpeakerEnrollmentJob parameters.', additionalProperties: false }));

const FraudsterRegistrationJob = d.define('FraudsterRegistrationJob', Type.Object({
  ...jobData,
  duplicateRegistrationAction: Type.Optional(DuplicateRegistrationAction()),
  fraudsterSimilarityThreshold: Type.Optional(Score({ description: 'Similarity score (0..100) above which a fraudster counts as a duplicate.' })),
  watchlists: Type.Optional(RegistrationConfigWatchlistIds({ description: ONE_WATCHLIST })),
}, { description: 'StartFraudsterRegistrationJob parameters.', additionalProperties: false }));

/** `fraudsters` and `fraudstersFile`: exact membership (PLAN.md §16); both absent, the members are left as they are. */
const membership = {
  fraudsters: Type.Optional(Type.Array(FraudsterId(), {
    description: 'Generated ids of the fraudsters that belong to this watchlist: with fraudstersFile, exactly its members (missing ones are associated, others disassociated). Absent together with fraudstersFile: the members are left as they are. At most 500 per watchlist.',
    // For editors: the loader does not let a validator evaluate it (pairwise, see src/config/schema.ts).
    uniqueItems: true,
    examples: [['id#AbCdEfGhIjKlMnOpQrStUv']],
  })),
  fraudstersFile: Type.Optional(Type.String({
    description: 'Path of a text file, relative to this YAML file, with one generated fraudster id per line. Blank lines and `#` comments are ignored. Merged with fraudsters.',
    minLength: 1,
    examples: ['fraud/high-risk.txt'],
  })),
};
const watchlistBody = Type.Object({
  description: Type.Optional(WatchlistDescription({ examples: ['Known fraud rings'] })),
  ...membership,
}, { additionalProperties: false });
/** `{}` or an empty value (`name:` with nothing after it) declares a watchlist without description. */
const Watchlist = d.define('Watchlist', Type.Unsafe<Static<typeof watchlistBody> | null>({
  ...watchlistBody,
  description: 'A custom watchlist. An empty mapping ({}) declares one without description.',
  type: ['object', 'null'],
}));
const defaultWatchlistBody = Type.Object(membership, { additionalProperties: false });
const DefaultWatchlist = d.define('DefaultWatchlist', Type.Unsafe<Static<typeof defaultWatchlistBody> | null>({
  ...defaultWatchlistBody,
  description: "The domain's default watchlist (Voice ID creates it with the domain and names it): only its members can be declared.",
  type: ['object', 'null'],
}));

const TagList = d.define('TagList', mapOf(
  { ...TagKey(), not: ReservedTagKey() },
  TagValue(),
  {
    description: "User tags of the domain. Keys starting with `voiceid-gitops:` are reserved for ownership records; the two ownership tags count against Voice ID's 200 tags per request, so at most 198 user tags.",
    maxProperties: 198,
    examples: [{ team: 'contact-center', 'cost-center': '1234' }],
  },
));

/**
 * The vocabulary the kinds' sections are written in: the named definitions (Voice ID shapes, and the format's own
 * mappings of them), handed to each kind's `yaml.schema` (src/kinds/) with TypeBox, which the kinds import only as
 * types (the CLI never loads TypeBox).
 */
export const vocabulary = {
  DomainName, Description, KmsKeyId, DomainId, IgnoreChange, TagList, CustomerSpeakerId, FraudsterId, WatchlistName, Watchlist, DefaultWatchlist,
  JobName, EnrollmentJob, FraudsterRegistrationJob,
};
/** The TypeScript types of the vocabulary's mappings whose schema is written by hand (`Type.Unsafe`). */
export type VocabularyTypes = {
  readonly watchlistBody: Static<typeof watchlistBody>;
  readonly defaultWatchlistBody: Static<typeof defaultWatchlistBody>;
};

/** One domain's mapping: each resource kind's section (its members), in registry order. */
type DomainMembers = ReturnType<typeof domainYaml> & ReturnType<typeof tagsYaml> & ReturnType<typeof watchlistsYaml> & ReturnType<typeof optOutsYaml>
  & ReturnType<typeof erasedSpeakersYaml> & ReturnType<typeof deletedFraudstersYaml> & ReturnType<typeof enrollmentJobsYaml> & ReturnType<typeof registrationJobsYaml>;
const kit: SchemaKit = { Type, mapOf, defs: vocabulary };
const sections: Record<string, TSchema> = Object.assign({}, ...KIND_ORDER.map((k) => kindModule(k).yaml?.schema(kit) ?? {}));
/**
 * The order editors and E_UNKNOWN_KEY's "expected one of" list the members in: as documented since version 1, then
 * any other kind's in registry order (a new kind need not be named here).
 */
const DOCUMENTED_ORDER = [
  'name', 'description', 'kmsKeyId', 'tags', 'optedOutSpeakers', 'optedOutSpeakersFile', 'erasedSpeakers', 'erasedSpeakersFile', 'deletedFraudsters',
  'adopt', 'protect', 'ignoreChanges', 'watchlists',
];
const rank = (m: string): number => (DOCUMENTED_ORDER.includes(m) ? DOCUMENTED_ORDER.indexOf(m) : DOCUMENTED_ORDER.length);
const domainMembers = Object.fromEntries(Object.entries(sections).sort(([a], [b]) => rank(a) - rank(b))) as DomainMembers;

const Domain = d.define('Domain', Type.Object(domainMembers, { description: 'One Voice ID domain.', additionalProperties: false }));

const DesiredStateFile = Type.Object({
  version: exactly(1, { description: 'Format version of this file. Only 1 exists.', examples: [1] }),
  stack: Type.Optional(DomainName({
    description: 'Name of the stack these domains belong to (default `default`). Recorded on each managed domain as the tag `voiceid-gitops:stack`; pruning only ever considers domains of this stack. Same rules as a domain name.',
    examples: ['contact-center-prod'],
  })),
  region: Type.Optional(Region({
    description: 'AWS Region of the domains. When absent, the AWS configuration (AWS_REGION, profile, --region) decides.',
    examples: ['us-east-1'],
  })),
  prune: Type.Optional(Type.Boolean({
    description: 'When true, plan proposes deleting managed domains of this stack that are no longer declared (applied only with `apply --allow-delete`). Deleting a domain destroys all its voiceprints.',
    default: false,
    examples: [false],
  })),
  domains: Type.Optional(mapOf(DomainName(), Domain(), {
    description: 'Voice ID domains, keyed by a logical key that stays stable across renames (recorded as the tag `voiceid-gitops:key`).',
  })),
}, {
  additionalProperties: false,
  patternProperties: {
    '^x-': { description: 'Extension keys (`x-...`) are ignored: a place for anchors shared through aliases and `<<` merge keys.' },
  },
});

/** The shipped document: specs/desired-state.schema.json. */
export const desiredStateSchemaDocument = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://voiceid-gitops.dev/specs/desired-state.schema.json',
  title: 'voiceid-gitops desired state (format version 1)',
  description: 'The desired state of Amazon Connect Voice ID domains, read by `voiceid-gitops validate|plan|apply`. Several files form one desired state: `version`, `stack`, `region` and `prune` must agree across files, and each domain key may be defined once. Value constraints (lengths, patterns, ranges) are those of the Voice ID API (voice-id 2021-09-27) and are kept equal to specs/voice-id-constraints.json by a test.',
  ...DesiredStateFile,
  $defs: d.$defs,
};

/** One YAML file as written (before defaults, merging and the opt-out file). `x-...` keys are extensions. */
export type DesiredStateFile = Static<typeof DesiredStateFile> & { readonly [extension: `x-${string}`]: unknown };
export type DomainDocument = Referred<typeof Domain>;
export type WatchlistDocument = Referred<typeof Watchlist>;
export type DefaultWatchlistDocument = Referred<typeof DefaultWatchlist>;
export type EnrollmentJobDocument = Referred<typeof EnrollmentJob>;
export type FraudDetectionDocument = Referred<typeof FraudDetection>;
export type FraudsterRegistrationJobDocument = Referred<typeof FraudsterRegistrationJob>;
export type ExistingEnrollmentAction = Referred<typeof ExistingEnrollmentAction>;
export type FraudDetectionAction = Referred<typeof FraudDetectionAction>;
export type DuplicateRegistrationAction = Referred<typeof DuplicateRegistrationAction>;

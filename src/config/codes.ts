/**
 * Every diagnostic code the desired-state loader emits, in one place. docs/error-codes.md
 * documents the same list (a test keeps them in step), so a reviewer can look any code up.
 */
export const CONFIG_CODES = {
  E_FILE_NOT_FOUND: 'a path given on the command line, or an optedOutSpeakersFile, fraudstersFile or erasedSpeakersFile, does not exist or cannot be read',
  E_NO_FILES: 'a directory given on the command line holds no *.yaml / *.yml file',
  E_FILE_TOO_LARGE: 'a YAML file is larger than 16 MiB (opt-out lists belong in optedOutSpeakersFile), or a file it names is larger than 64 MiB',
  E_PATH_OUTSIDE_ROOT: 'a file named in YAML, or a YAML file found under a PATH, resolves (symlinks followed) outside the root (the checkout, or --root DIR) or inside a .git folder; nothing of it is read',
  E_NOT_A_FILE: 'a file named in YAML, or a YAML file found under a PATH, is a FIFO, socket, device or directory, not a regular file; it is not opened for reading',
  E_ENCODING: 'the file is not valid UTF-8 (the position is that of the first bad byte)',
  E_EMPTY_FILE: 'the YAML file holds no document',
  E_YAML_SYNTAX: 'the YAML parser rejected the text (bad indentation, tabs, unclosed brackets, ...)',
  E_MULTIPLE_DOCUMENTS: 'a YAML file holds more than one document (`---`); use one file per document',
  E_DUPLICATE_KEY: 'a mapping holds the same key twice',
  E_ALIAS: 'an alias refers to no anchor, or aliases expand beyond a safe size',
  E_KEY_TYPE: 'a mapping key is not a string (e.g. `123:` or `true:`); quote it',
  E_TYPE: 'a value has the wrong type (e.g. a list where a mapping is expected)',
  E_UNKNOWN_KEY: 'a key the format does not define (with a "did you mean" suggestion)',
  E_MISSING_KEY: 'a required key is absent (`version`, `kmsKeyId`, job S3 URIs and role)',
  E_VERSION: 'the format version is not 1',
  E_PATTERN: 'a value does not match the pattern Voice ID requires',
  E_LENGTH: 'a value is shorter or longer than Voice ID allows',
  E_RANGE: 'a number is outside the range Voice ID allows (scores: 0..100)',
  E_ENUM: 'a value is not one of the allowed words (e.g. SKIP | OVERWRITE)',
  E_COUNT: 'a list or mapping has too many or too few entries (tags, job watchlists)',
  E_RESERVED_TAG: 'a tag key starts with the reserved prefix `voiceid-gitops:`',
  E_WATCHLIST_QUOTA: 'a domain declares more than 2 custom watchlists (Voice ID allows 3 including the default)',
  E_UNKNOWN_WATCHLIST: 'a job refers to a watchlist that the domain does not declare (and is not `default`)',
  E_DUPLICATE_SPEAKER: 'a customer speaker id is listed twice (in the list, in the file, or in both)',
  E_DUPLICATE_FRAUDSTER: 'a fraudster id is listed twice in one watchlist (in `fraudsters`, in its `fraudstersFile`, or in both), or twice in deletedFraudsters',
  E_FRAUDSTER_QUOTA: 'a watchlist declares more than 500 fraudsters (`fraudsters` and `fraudstersFile` together): Voice ID takes at most 500 per watchlist',
  E_DELETED_AND_MEMBER: 'a fraudster id is both deleted (deletedFraudsters) and declared a member of one of the domain\'s watchlists (fraudsters / fraudstersFile, the default one included): a deleted fraudster leaves every watchlist; remove it from one of the two',
  E_ERASED_AND_OPTED_OUT: 'a customer speaker id is both erased (erasedSpeakers / erasedSpeakersFile) and opted out (optedOutSpeakers / optedOutSpeakersFile) in one domain: erasing deletes it, opting out keeps it as OPTED_OUT; declare it in one list',
  E_DUPLICATE_DOMAIN: 'a domain key is defined in two files (both places are named)',
  E_DUPLICATE_ADOPT: 'two domains adopt the same existing domain id',
  E_CONFLICT: '`stack`, `region` or `prune` differ between files',
  E_TOO_MANY_PROBLEMS: 'an opt-out file (or a fraudstersFile) has so many problems that only the first 100 are shown',
  W_SPEAKER_QUOTA: 'warning: more speakers to opt out than the Voice ID default quota of speakers per domain',
  E_IGNORE_CHANGES: 'an `ignoreChanges` entry is not `name`, `description`, `kmsKeyId`, `tags` or `tags.KEY` (KEY a user tag key), or is listed twice',
  W_TAG_QUOTA: 'warning: more tags (the 3 voiceid-gitops tags included: ownership, applied record; 4 with `protect: true`) than the per-domain tag quota; plan refuses the domain',
} as const;

export type ConfigCode = keyof typeof CONFIG_CODES;

/** Limits of our own (not Voice ID's), named so the README and the code agree. */
export const LIMITS = {
  maxYamlBytes: 16 * 1024 * 1024,
  /** A file named in YAML (optedOutSpeakersFile): a million ids of up to ~60 characters. */
  maxReferencedFileBytes: 64 * 1024 * 1024,
  /** A saved plan named on the command line (apply --plan, comment --plan): a million speaker ids fit. */
  maxPlanFileBytes: 256 * 1024 * 1024,
  maxProblemsPerOptOutFile: 100,
  maxAliasCount: 1000,
  /** Excerpts of longer lines show a window around the column. */
  excerptWidth: 120,
} as const;

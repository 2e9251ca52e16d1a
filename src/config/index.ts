/** The desired-state YAML format (CONTRACT §3): loading, validation, diagnostics and writing. */
export { loadDesired, loadDesiredState, type LoadOptions } from './load-desired.js';
export { defaultPaths, looksLikeDesiredState } from './default-paths.js';
export { loadFromMemory, parseEstate, completeEstate, summarize, formatDiagnostics, type LoadResult } from './estate.js';
export { CONFIG_CODES, LIMITS, type ConfigCode } from './codes.js';
export { toYaml } from './to-yaml.js';
export { isRegionName } from './file-model.js';
export { readRegularFile } from './contained-read.js';

/**
 * vitest setupFiles, for every test file: the CLI's main.ts turns the AWS SDK's Node-version warning off (and prints
 * its own line); in-process tests never run main.ts, so the same setting here keeps the SDK's multi-line warning out
 * of every test's output.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/**
 * nock 15 intercepts through @mswjs/interceptors 0.44, which calls `Promise.withResolvers` (ES2024, Node 22+).
 * The project supports Node 20, so every test file gets the standard behaviour (vitest setupFiles).
 */
type WithResolvers = <T>() => { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void };

const P = Promise as unknown as { withResolvers?: WithResolvers };
if (typeof P.withResolvers !== 'function') {
  P.withResolvers = <T>() => {
    let resolve!: (v: T) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

// The CLI's main.ts turns the AWS SDK's Node-version warning off (and prints its own line); in-process tests never
// run main.ts, so the same setting here keeps the SDK's multi-line warning out of every test's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

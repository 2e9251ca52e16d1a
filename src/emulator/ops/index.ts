/** Every Voice ID operation's handler, by operation name (29, matching specs/voice-id-constraints.json). */
import type { Handler } from './context.js';
import { domainHandlers } from './domains.js';
import { fraudsterHandlers } from './fraudsters.js';
import { jobHandlers } from './jobs.js';
import { speakerHandlers } from './speakers.js';
import { tagHandlers } from './tags.js';
import { watchlistHandlers } from './watchlists.js';

export const voiceIdHandlers: Readonly<Record<string, Handler>> = {
  ...domainHandlers,
  ...watchlistHandlers,
  ...fraudsterHandlers,
  ...speakerHandlers,
  ...jobHandlers,
  ...tagHandlers,
};

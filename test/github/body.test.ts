import { describe, expect, it } from 'vitest';
import { composeBody } from '../../src/github/body.js';
import { hasMarker, planMarker, withoutMarker } from '../../src/model/markers.js';

describe('comment and issue bodies', () => {
  it('joins marker, banner, plan and footer when they fit', () => {
    const body = composeBody({ marker: '<!-- m -->', banner: 'B', markdown: 'P', footer: 'F', fullPlanAt: 'x' });
    expect(body).toBe('<!-- m -->\nB\n\nP\n\nF\n');
  });

  it('closes a <details> block and a code fence that truncation cut open', () => {
    const markdown = `<details><summary>d</summary>\n\n\`\`\`diff\n${'+ line\n'.repeat(400)}\`\`\`\n</details>`;
    const body = composeBody({ marker: '<!-- m -->', markdown, fullPlanAt: 'the job summary' }, 1000);
    expect(body.length).toBeLessThanOrEqual(1000);
    expect(body).toMatch(/```\n<\/details>\n\n> \*\*Plan truncated\*\* to fit GitHub's 1,000-character limit\. The full plan is in the job summary\.\n$/);
  });
});

describe('markers', () => {
  it('matches only a first line that is exactly the marker', () => {
    expect(hasMarker('<!-- voiceid-gitops:plan stack=prod -->\nbody', planMarker('prod'))).toBe(true);
    expect(hasMarker('<!-- voiceid-gitops:plan stack=prod-eu -->\nbody', planMarker('prod'))).toBe(false);
    expect(hasMarker('intro\n<!-- voiceid-gitops:plan stack=prod -->', planMarker('prod'))).toBe(false);
  });

  it('drops the plan marker line of rendered markdown', () => {
    expect(withoutMarker('<!-- voiceid-gitops:plan stack=prod -->\n## Plan')).toBe('## Plan');
    expect(withoutMarker('## Plan')).toBe('## Plan');
  });

  it('neutralises a stack name that could close the HTML comment, as the markdown renderer does', () => {
    expect(planMarker('x -->')).toBe('<!-- voiceid-gitops:plan stack=x___ -->');
  });
});

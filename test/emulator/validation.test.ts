import { describe, expect, it } from 'vitest';
import { coralMessage, coralPath, validateInput } from '../../src/emulator/validation.js';

describe('Coral validation messages', () => {
  it('phrases a pattern violation with the value and the camelCase member path', () => {
    const e = validateInput('DescribeDomain', { DomainId: 'not valid!' });
    expect(e?.type).toBe('ValidationException');
    expect(e?.message).toBe(
      "2 validation errors detected: Value 'not valid!' at 'domainId' failed to satisfy constraint: Member must have length greater than or equal to 22; " +
        "Value 'not valid!' at 'domainId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9]{22}$",
    );
  });

  it('does not echo the value of a sensitive member', () => {
    const e = validateInput('CreateDomain', { Name: 'bad name', ServerSideEncryptionConfiguration: { KmsKeyId: 'k' } });
    expect(e?.message).toBe(
      "1 validation error detected: Value at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9][a-zA-Z0-9_-]*$",
    );
  });

  it('reports a missing required member as null', () => {
    const e = validateInput('DescribeDomain', {});
    expect(e?.message).toBe("1 validation error detected: Value null at 'domainId' failed to satisfy constraint: Member must not be null");
  });

  it('reports an out-of-range MaxResults on ListDomains against the model range 1..10', () => {
    const e = validateInput('ListDomains', { MaxResults: 11 });
    expect(e?.message).toBe("1 validation error detected: Value '11' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 10");
  });

  it('names list items Coral-style, one-based with .member', () => {
    expect(coralPath(['Tags', 0, 'Key'])).toBe('tags.1.member.key');
  });

  it('answers a wrong JSON type with SerializationException', () => {
    const e = validateInput('ListDomains', { MaxResults: 'ten' });
    expect(e?.type).toBe('SerializationException');
    expect(e?.status).toBe(400);
  });

  it('accepts a valid input', () => {
    expect(validateInput('ListDomains', { MaxResults: 10 })).toBeUndefined();
  });

  it('counts one violation with the singular word', () => {
    expect(coralMessage([{ kind: 'required', path: ['DomainId'] }])).toMatch(/^1 validation error detected: /);
  });
});

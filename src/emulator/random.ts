/** Seeded randomness (mulberry32) and the service's id formats. */
import { randomInt } from 'node:crypto';

export type Random = () => number;

export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random seed from the OS, for when the caller gave none. */
export const cryptoSeed = (): number => randomInt(0, 2 ** 32 - 1);

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 22 characters of [a-zA-Z0-9]: DomainId, WatchlistId, JobId (model pattern ^[a-zA-Z0-9]{22}$). */
export function id22(random: Random): string {
  let s = '';
  for (let i = 0; i < 22; i++) s += ALNUM[Math.floor(random() * ALNUM.length)];
  return s;
}

/** GeneratedSpeakerId / GeneratedFraudsterId: `id#` + 22 alphanumerics. */
export const generatedId = (random: Random): string => `id#${id22(random)}`;

export function uuid(random: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/**
 * A domain's speakers: looked up by customer or generated id in O(1), listed in creation order from a cursor in
 * O(log n) (an array sorted by sequence number), so 100,000 speakers page quickly and items added while a client
 * paginates appear after its cursor.
 */
import type { SeedSpeakerStatus } from './types.js';

export interface SpeakerRec {
  readonly seq: number;
  readonly generatedSpeakerId: string;
  readonly customerSpeakerId?: string;
  status: SeedSpeakerStatus;
  readonly createdAt: number;
  updatedAt: number;
  lastAccessedAt?: number;
}

/** Index of the first item whose seq is greater than `cursor` in an array sorted by seq. */
export function indexAfter(items: readonly { readonly seq: number }[], cursor: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid]!.seq <= cursor) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class SpeakerIndex {
  private readonly ordered: SpeakerRec[] = [];
  private readonly byCustomer = new Map<string, SpeakerRec>();
  private readonly byGenerated = new Map<string, SpeakerRec>();

  get size(): number {
    return this.ordered.length;
  }

  /** Finds a speaker by either of its ids (S13: APIs accept CustomerSpeakerId or GeneratedSpeakerId). */
  find(speakerId: string): SpeakerRec | undefined {
    return this.byGenerated.get(speakerId) ?? this.byCustomer.get(speakerId);
  }

  /** Adds a speaker; records must arrive in increasing seq order (they do: seq is a global counter). */
  add(rec: SpeakerRec): void {
    this.ordered.push(rec);
    this.byGenerated.set(rec.generatedSpeakerId, rec);
    if (rec.customerSpeakerId !== undefined) this.byCustomer.set(rec.customerSpeakerId, rec);
  }

  remove(rec: SpeakerRec): void {
    const i = indexAfter(this.ordered, rec.seq - 1);
    if (this.ordered[i] === rec) this.ordered.splice(i, 1);
    this.byGenerated.delete(rec.generatedSpeakerId);
    if (rec.customerSpeakerId !== undefined) this.byCustomer.delete(rec.customerSpeakerId);
  }

  /** Up to `limit` speakers created after `cursor`, and whether more follow. */
  page(cursor: number, limit: number): { readonly items: readonly SpeakerRec[]; readonly more: boolean } {
    const start = indexAfter(this.ordered, cursor);
    const items = this.ordered.slice(start, start + limit);
    return { items, more: start + limit < this.ordered.length };
  }

  all(): readonly SpeakerRec[] {
    return this.ordered;
  }
}

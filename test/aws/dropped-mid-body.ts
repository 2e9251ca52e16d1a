/**
 * A response body that sends `partial` and then fails, as a socket dropped mid-response does: for nock reply
 * functions (with a content-length larger than `partial`). nock holds a reply's body until the client has its
 * response and its listeners, then reads it; the first read sends the partial body, the next one fails the stream
 * (nock re-emits that on the response). No timer: the failure cannot come before the client listens.
 */
import { Readable } from 'node:stream';

export function droppedMidBody(partial: string): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (sent) {
        this.destroy(new Error('aborted'));
        return;
      }
      sent = true;
      this.push(partial);
    },
  });
}

/**
 * Strapi document ids: cuid2's createId, loaded from where Strapi core itself loads it, so the
 * ids are exactly Strapi's own kind. (Strapi 5.54 pins cuid2 2.x; the app's direct dependency is
 * cuid2 3.x, whose bignumber.js-based hashing costs ~0.2 ms an id — ~7x slower; it is the fallback
 * when Strapi's copy cannot be resolved.)
 *
 * For the million-item loads the ids are also made on a worker thread, which prepares the next
 * batch's ids while the main thread writes the current batch.
 */
import path from 'path';
import { Worker } from 'worker_threads';

type Cuid2 = typeof import('@paralleldrive/cuid2');

/** The cuid2 module Strapi core resolves (its nested copy, or the hoisted one). */
export function cuid2ModulePath(): string {
  try {
    const core = path.dirname(require.resolve('@strapi/core/package.json'));
    return require.resolve('@paralleldrive/cuid2', { paths: [core] });
  } catch {
    return require.resolve('@paralleldrive/cuid2');
  }
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the path is resolved at run time (see above)
const cuid2 = require(cuid2ModulePath()) as Pick<Cuid2, 'createId'>;

/** A new Strapi document id. */
export const createDocumentId: () => string = cuid2.createId;

const WORKER_SOURCE = (cuid2Path: string) => `
const { parentPort } = require('worker_threads');
const { createId } = require(${JSON.stringify(cuid2Path)});
parentPort.on('message', (count) => {
  const ids = new Array(count);
  for (let i = 0; i < count; i++) ids[i] = createId();
  parentPort.postMessage(ids);
});
`;

export class DocumentIdWorker {
  private readonly worker: Worker;
  private readonly waiting: Array<{
    resolve: (ids: string[]) => void;
    reject: (error: Error) => void;
  }> = [];
  private failure: Error | null = null;

  constructor() {
    this.worker = new Worker(WORKER_SOURCE(cuid2ModulePath()), { eval: true });
    this.worker.on('message', (ids: string[]) => this.waiting.shift()?.resolve(ids));
    this.worker.on('error', (error: Error) => this.fail(error));
    this.worker.on('exit', (code) => {
      if (code !== 0) this.fail(new Error(`document id worker exited with code ${code}`));
    });
  }

  /** `count` fresh ids; requests are answered in order. */
  take(count: number): Promise<string[]> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker.postMessage(count);
    });
  }

  async close(): Promise<void> {
    this.waiting.splice(0).forEach(({ reject }) => reject(new Error('document id worker closed')));
    await this.worker.terminate();
  }

  private fail(error: Error): void {
    this.failure = error;
    this.waiting.splice(0).forEach(({ reject }) => reject(error));
  }
}

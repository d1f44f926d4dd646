import type { Progress } from './types';

/** Progress goes to the job-run row at most this often; listeners get every report at once. */
export const PROGRESS_WRITE_INTERVAL_MS = 1000;

/**
 * Turns a job's reportProgress calls (maybe thousands) into a few row updates: the first at once,
 * then the latest one per interval. Writes run one after another; close() waits for them.
 */
export class ProgressWriter {
  private latest: Progress | null = null;
  private dirty = false;
  private lastWriteAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly write: (progress: Progress) => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly listener?: (progress: Progress) => void
  ) {}

  /** The last progress reported, for the final row update. */
  get current(): Progress | null {
    return this.latest;
  }

  report(progress: Progress): void {
    this.latest = progress;
    if (this.listener) {
      try {
        this.listener(progress);
      } catch (error) {
        this.onError(error);
      }
    }
    if (this.closed) return;
    this.dirty = true;
    if (this.timer) return;
    const wait = Math.max(0, this.lastWriteAt + PROGRESS_WRITE_INTERVAL_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
    this.timer.unref();
  }

  private flush(): void {
    if (!this.dirty || this.closed || !this.latest) return;
    const progress = this.latest;
    this.dirty = false;
    this.lastWriteAt = Date.now();
    this.chain = this.chain.then(() => this.write(progress)).catch(this.onError);
  }

  /** Stops writing (the run's final update stores the last progress) and waits for writes under way. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.chain;
  }
}

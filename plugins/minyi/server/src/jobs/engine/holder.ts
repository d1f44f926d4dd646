import { randomBytes } from 'crypto';
import os from 'os';

/** This process's name in the lease table: host, pid and a random tag (pids repeat across restarts and containers). */
export function newHolderId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

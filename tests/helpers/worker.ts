import { fork, type ChildProcess } from 'child_process';
import path from 'path';

export interface Worker<Summary> {
  child: ChildProcess;
  /** Resolves once the instance has booted. */
  ready: Promise<void>;
  /** The instance's summary after "go"; rejects if it fails or dies. */
  result: Promise<Summary>;
  go(now: Date): void;
}

/** Forks tests/helpers/<script> (a second app instance in its own process) on the test's database. */
export function startWorker<Summary>(
  script: string,
  env: Record<string, string> = {}
): Worker<Summary> {
  const child = fork(path.join(__dirname, script), {
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  const result = new Promise<Summary>((resolve, reject) => {
    child.on('message', (message: { type: string; summary?: Summary; error?: string }) => {
      if (message.type === 'ready') onReady();
      if (message.type === 'done') resolve(message.summary as Summary);
      if (message.type === 'failed') reject(new Error(message.error));
    });
    child.on('exit', (code, signal) =>
      code === 0 ? undefined : reject(new Error(`instance exited with ${code ?? signal}`))
    );
  });
  // A killed worker's result is expected to reject; nobody may be listening.
  result.catch(() => undefined);
  return { child, ready, result, go: (now) => child.send({ type: 'go', now: now.toISOString() }) };
}

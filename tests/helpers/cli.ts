import { spawn } from 'child_process';
import path from 'path';
import { ROOT } from './database';

/** Runs `node scripts/job.js …` against the test database (its env is inherited) and collects the output. */
export function runJobCli(
  args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts/job.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'error' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataFolderLock, DataFolderLockedError } from './lock.ts';

function freshFolder(): string {
  return mkdtempSync(join(tmpdir(), 'casework-lock-'));
}

describe('data folder lock', () => {
  it('holds the process’s own PID and is released on close', () => {
    const folder = freshFolder();
    const lock = acquireDataFolderLock(folder, () => undefined);
    expect(readFileSync(join(folder, 'casework.lock'), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
    const again = acquireDataFolderLock(folder, () => undefined);
    again.release();
  });

  it('refuses a folder whose lock is held by a live process', async () => {
    const folder = freshFolder();
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)'], { stdio: 'ignore' });
    try {
      writeFileSync(join(folder, 'casework.lock'), `${holder.pid}\n`);
      expect(() => acquireDataFolderLock(folder, () => undefined)).toThrow(DataFolderLockedError);
      expect(() => acquireDataFolderLock(folder, () => undefined)).toThrow(`PID ${holder.pid}`);
    } finally {
      holder.kill();
    }
  });

  it('takes over a lock left by a dead process, with a warning', async () => {
    const folder = freshFolder();
    const dead = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await new Promise((resolve) => dead.on('exit', resolve));
    writeFileSync(join(folder, 'casework.lock'), `${dead.pid}\n`);
    const warnings: string[] = [];
    const lock = acquireDataFolderLock(folder, (message) => warnings.push(message));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`process ${dead.pid}`);
    expect(readFileSync(join(folder, 'casework.lock'), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });

  it('takes over a lock file with no readable PID', () => {
    const folder = freshFolder();
    writeFileSync(join(folder, 'casework.lock'), 'garbage');
    const warnings: string[] = [];
    acquireDataFolderLock(folder, (message) => warnings.push(message)).release();
    expect(warnings).toHaveLength(1);
  });
});

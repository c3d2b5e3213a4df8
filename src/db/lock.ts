import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite has no lock of its own: two processes opening one data folder corrupt it. The app holds
 * `casework.lock` in the data folder with its own PID, refuses while that PID is alive, and takes
 * over a lock whose process has died (after a crash or kill -9), saying so.
 */
export class DataFolderLockedError extends Error {
  override readonly name = 'DataFolderLockedError';
  readonly dataDir: string;
  readonly holderPid: number;

  constructor(dataDir: string, holderPid: number) {
    super(
      `The data folder ${dataDir} is in use by another SEND Casework process (PID ${holderPid}). ` +
        'Stop that process, or set DATA_DIR to another folder.',
    );
    this.dataDir = dataDir;
    this.holderPid = holderPid;
  }
}

export interface DataFolderLock {
  readonly path: string;
  release(): void;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else, so it is alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function acquireDataFolderLock(dataDir: string, warn: (message: string) => void): DataFolderLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'casework.lock');
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      // 'wx' creates the file only if it does not exist: the create is the lock.
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      return {
        path,
        release() {
          if (released) return;
          released = true;
          if (readHolder(path) === process.pid) unlinkSync(path);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(path);
      if (holder !== undefined && holder !== process.pid && isProcessAlive(holder)) {
        throw new DataFolderLockedError(dataDir, holder);
      }
      warn(
        `Taking over the lock on ${dataDir}: it was left by process ${holder ?? 'unknown'}, which is no longer running.`,
      );
      try {
        unlinkSync(path);
      } catch {
        // Another process may have removed it first; the next attempt decides.
      }
    }
  }
  throw new Error(`Could not take the lock on ${dataDir}`);
}

// Where a document's bytes are kept: never in the database. One interface, so the embedded default
// (a folder under DATA_DIR) and object storage later are interchangeable; the service only ever
// puts, gets and deletes by the key it chose.
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';

export interface StoredFile {
  size: number;
  stream: Readable;
}

export interface FileStore {
  /** Keeps the bytes under the key, whole or not at all (a reader never sees half a file). */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes under the key, or undefined when there are none. */
  get(key: string): Promise<StoredFile | undefined>;
  /** Removes the bytes under the key; nothing happens when there are none. */
  delete(key: string): Promise<void>;
}

/** A key the stores accept: segments of letters, digits and hyphens, joined by '/'. Never '..'. */
const KEY = /^[0-9a-z][0-9a-z-]*(\/[0-9a-z][0-9a-z-]*){0,3}$/;

export function requireStorageKey(key: string): string {
  if (!KEY.test(key)) throw new Error('Not a storage key');
  return key;
}

/**
 * Files in a folder (by default `${DATA_DIR}/files`): each written to a temporary file in the
 * same folder tree, flushed to disk, then renamed into place, so a crash or a full disk leaves no
 * half-written document under its key.
 */
export class LocalFileStore implements FileStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  private pathOf(key: string): string {
    return join(this.root, ...requireStorageKey(key).split('/'));
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const target = this.pathOf(key);
    const temporaryFolder = join(this.root, '.incoming');
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    await mkdir(temporaryFolder, { recursive: true, mode: 0o700 });
    const temporary = join(temporaryFolder, randomUUID());
    try {
      const handle = await open(temporary, 'wx', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<StoredFile | undefined> {
    const path = this.pathOf(key);
    try {
      const found = await stat(path);
      return { size: found.size, stream: createReadStream(path) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await unlink(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/** Files in memory: for the in-memory demo database (DATA_DIR=memory://) and for tests. */
export class MemoryFileStore implements FileStore {
  readonly files = new Map<string, Buffer>();

  async put(key: string, bytes: Uint8Array): Promise<void> {
    this.files.set(requireStorageKey(key), Buffer.from(bytes));
  }

  async get(key: string): Promise<StoredFile | undefined> {
    const bytes = this.files.get(requireStorageKey(key));
    return bytes ? { size: bytes.length, stream: Readable.from([bytes]) } : undefined;
  }

  async delete(key: string): Promise<void> {
    this.files.delete(requireStorageKey(key));
  }
}

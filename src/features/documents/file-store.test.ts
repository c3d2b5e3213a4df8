import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalFileStore, MemoryFileStore, type FileStore } from './file-store.ts';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'casework-files-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const KEY = '01937a4e-8f5c-7c3b-a5d2-6f4e2b1c9d80/01937a70-2c4d-7e5f-8a9b-0c1d2e3f4a5b';

describe.each([
  ['LocalFileStore', () => new LocalFileStore(join(folder, 'files'))],
  ['MemoryFileStore', () => new MemoryFileStore()],
] as [string, () => FileStore][])('%s', (_name, makeStore) => {
  it('gives back what was put, under its key, with its size; nothing for an unknown key; nothing after delete', async () => {
    const store = makeStore();
    await store.put(KEY, Buffer.from('the bytes'));
    const found = await store.get(KEY);
    expect(found?.size).toBe(9);
    expect(await text(found!.stream)).toBe('the bytes');
    expect(await store.get(KEY.replace(/5b$/, '5c'))).toBeUndefined();
    await store.delete(KEY);
    expect(await store.get(KEY)).toBeUndefined();
    await store.delete(KEY);
  });

  it.each(['../etc/passwd', '/etc/passwd', 'a/../../b', 'a//b', '', 'A B', 'a\\b'])('refuses the key %j', async (key) => {
    const store = makeStore();
    await expect(store.put(key, Buffer.from('x'))).rejects.toThrow('Not a storage key');
    await expect(store.get(key)).rejects.toThrow('Not a storage key');
  });
});

describe('LocalFileStore', () => {
  it('writes each file under the folder by its key, through a temporary file renamed into place (none left behind)', async () => {
    const store = new LocalFileStore(join(folder, 'files'));
    await store.put(KEY, Buffer.from('the bytes'));
    expect(await readFile(join(folder, 'files', ...KEY.split('/')), 'utf8')).toBe('the bytes');
    expect(await readdir(join(folder, 'files', '.incoming'))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { fileSize } from './file-size.ts';

describe('fileSize', () => {
  it.each([
    [0, '0 bytes'],
    [1, '1 byte'],
    [840, '840 bytes'],
    [1024, '1 KB'],
    [49_370, '48 KB'],
    [1024 * 1024, '1 MB'],
    [3.24 * 1024 * 1024, '3.2 MB'],
    [20 * 1024 * 1024, '20 MB'],
  ])('%d bytes reads as %s', (bytes, text) => {
    expect(fileSize(bytes)).toBe(text);
  });
});

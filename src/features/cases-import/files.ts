// The folder an import reads and its mapping file, from the file system: what the command line
// (and later the upload page) hands the service.
import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { CaseImportFileError } from './service.ts';

/** The mapping file as JSON, or why it cannot be read. */
export function readMappingFile(path: string): { mapping: unknown; mappingName: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CaseImportFileError(`Cannot read the mapping file ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message}`);
  }
  try {
    return { mapping: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown, mappingName: basename(path) };
  } catch (error) {
    throw new CaseImportFileError(`The mapping file ${path} is not JSON: ${(error as Error).message}`);
  }
}

/** A folder's files by name (a name differing only in case is found too); refused when it is not a folder. */
export function folderSource(directory: string): { source: string; open: (name: string) => Promise<Readable | undefined> } {
  let names: string[];
  try {
    if (!statSync(directory).isDirectory()) throw new CaseImportFileError(`Cannot import ${directory}: it is not a folder`);
    names = readdirSync(directory);
  } catch (error) {
    if (error instanceof CaseImportFileError) throw error;
    throw new CaseImportFileError(`Cannot import ${directory}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such folder' : (error as Error).message}`);
  }
  return {
    source: basename(directory),
    open: async (name) => {
      const found = names.find((entry) => entry === name) ?? names.find((entry) => entry.toLowerCase() === name.toLowerCase());
      if (!found) return undefined;
      const path = join(directory, found);
      if (!statSync(path).isFile()) throw new CaseImportFileError(`${name} is not a file`);
      return createReadStream(path);
    },
  };
}

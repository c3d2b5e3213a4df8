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

/**
 * The largest file of cases read. A large council's whole service is a few megabytes of CSV
 * (children.csv of 20,000 children is about 1.5 MB); a file hundreds of times that is the wrong
 * export, and is refused before anything is read or written rather than run for hours.
 */
export const MAX_FILE_BYTES = 256 * 2 ** 20;

const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toLocaleString('en-GB', { maximumFractionDigits: 0 })} MB`;

/** A folder's files by name (a name differing only in case is found too); refused when it is not a folder, or a file is too large. */
export function folderSource(directory: string, options: { maxFileBytes?: number } = {}): { source: string; open: (name: string) => Promise<Readable | undefined> } {
  const maxFileBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
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
      const stat = statSync(path);
      if (!stat.isFile()) throw new CaseImportFileError(`${name} is not a file`);
      if (stat.size > maxFileBytes) {
        throw new CaseImportFileError(`${found} is ${megabytes(stat.size)}, more than the ${megabytes(maxFileBytes)} a file of cases may be (a large council's whole service is a few MB): check it is the right export`);
      }
      return createReadStream(path);
    },
  };
}

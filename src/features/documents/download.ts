// How a kept file is sent to whoever may read it: as a download, never shown inline, never
// sniffed, never cached, under its name (Content-Disposition).
import type { FastifyReply } from 'fastify';
import { attachmentDisposition } from './content.ts';
import type { StoredFile } from './file-store.ts';

export function sendAttachment(reply: FastifyReply, what: { mediaType: string; filename: string }, file: StoredFile): FastifyReply {
  return reply
    .header('content-type', what.mediaType)
    .header('content-length', String(file.size))
    .header('content-disposition', attachmentDisposition(what.filename))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(file.stream);
}

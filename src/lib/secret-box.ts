// Secrets kept at rest sealed (AES-256-GCM): a copy of the database alone does not yield them.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * Seals and opens short secrets with a 256-bit key derived (HKDF-SHA256) from the service's secret
 * setting and the purpose, so one setting gives each purpose a key of its own.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(secret: string, purpose: string) {
    if (secret.length < 32) throw new Error('The key material must be at least 32 characters');
    this.key = Buffer.from(hkdfSync('sha256', secret, 'send-casework', purpose, 32));
  }

  /** `v1.iv.tag.ciphertext`, base64url: a fresh 96-bit nonce each time. */
  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join('.');
  }

  /** The secret, or undefined when it was sealed with another key or has been altered. */
  open(sealed: string): string | undefined {
    const [version, iv, tag, body, ...rest] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || body === undefined || rest.length > 0) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}

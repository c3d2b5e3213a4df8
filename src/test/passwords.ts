import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/database.ts';

/** TEST_PASSWORD ('A-long-test-password-1') as the service hashed passwords before argon2id: scrypt, N=2^15, r=8, p=1. */
export const TEST_PASSWORD_SCRYPT_HASH = 'scrypt$32768$8$1$HDbmVkUss4HIEnNMiHPSCw$9u0ExEBAA3tnB7JZLsD_55zGb5cFf7O0PSB7skdFKismSE3305C3SlYEP7z94mUqJVTxlCYBPdGacUxuw5aIwg';

/** The password hash a staff user has in the table, read directly. */
export async function storedPasswordHash(db: Database, userId: string): Promise<string> {
  const [row] = await queryRows<{ password_hash: string }>(db, sql`SELECT password_hash FROM staff_user WHERE id = ${userId}`);
  return row!.password_hash;
}

import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { recordAudit } from '../audit/index.ts';
import { requireRole, ROLE_NAMES, STAFF_ROLES, type Actor, type StaffRole } from './actor.ts';
import { hashPassword, needsRehash, verifyPassword } from './password.ts';
import { passwordProblem } from './password-policy.ts';
import * as authRepository from './repository.ts';
import { normaliseEmail } from './service.ts';

export const newStaffUserSchema = z
  .object({
    email: z.string().trim().toLowerCase().max(320).email('Enter an e-mail address in the correct format, like name@council.gov.uk'),
    name: z.string().trim().min(1, 'Enter the person’s name').max(200, 'The name must be 200 characters or fewer'),
    role: z.enum(STAFF_ROLES, { message: `The role must be one of: ${STAFF_ROLES.join(', ')}` }),
    password: z
      .string()
      .superRefine((password, context) => {
        const problem = passwordProblem(password);
        if (problem) context.addIssue({ code: 'custom', message: problem });
      })
      .optional(),
  })
  // With the e-mail address known, a password that passed the field's own checks must not hold its
  // first part either.
  .superRefine((user, context) => {
    if (typeof user.password !== 'string' || typeof user.email !== 'string' || passwordProblem(user.password)) return;
    const problem = passwordProblem(user.password, { email: user.email });
    if (problem) context.addIssue({ code: 'custom', path: ['password'], message: problem });
  });

export type NewStaffUser = z.input<typeof newStaffUserSchema>;

export interface StaffUserView {
  id: string;
  authorityId: string;
  email: string;
  name: string;
  role: StaffRole;
  roleName: string;
  active: boolean;
  /** Signs in with a password kept here (not the council's single sign-on), so can change it here. */
  signsInWithPassword: boolean;
}

function toView(row: authRepository.StaffUserRow): StaffUserView {
  const role = row.role as StaffRole;
  return {
    id: row.id,
    authorityId: row.authorityId,
    email: row.email,
    name: row.name,
    role,
    roleName: ROLE_NAMES[role] ?? row.role,
    active: row.deactivatedAt === null,
    signsInWithPassword: row.authProvider === 'password' && row.passwordHash !== null,
  };
}

export class StaffService {
  private readonly db: Database;
  private readonly clock: Clock;

  constructor(db: Database, clock: Clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Admins create staff accounts in their own authority; the change and its audit commit together. */
  async createUser(actor: Actor, input: NewStaffUser): Promise<StaffUserView> {
    requireRole(actor, 'admin');
    const parsed = newStaffUserSchema.safeParse(input);
    if (!parsed.success) {
      throw new ValidationError(parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? 'input'), message: issue.message })));
    }
    const { email, name, role, password } = parsed.data;
    const passwordHash = password ? await hashPassword(password) : null;
    const id = uuidv7();
    await this.db.transaction(async (tx) => {
      if (await authRepository.emailTaken(tx, normaliseEmail(email))) {
        throw new ConflictError('A staff account with that e-mail address already exists');
      }
      await authRepository.insertUser(tx, {
        id,
        authorityId: actor.authorityId,
        email: normaliseEmail(email),
        name,
        role,
        authProvider: 'password',
        oidcSubject: null,
        passwordHash,
        // Joined today by the service's clock; an administrator records an earlier day if they joined before their account.
        startedOn: this.clock.today(),
      });
      await recordAudit(tx, this.clock, actor, { action: 'staff.created', entityType: 'staff_user', entityId: id, details: { role } });
    });
    return (await this.getUser(actor, id))!;
  }

  /**
   * An administrator sets a staff user's password (the demo accounts' printed passwords are set
   * again this way at each start). Held to the password policy; nothing is written when it is
   * already the password, hashed at the current parameters. Otherwise every session of the person
   * ends, and the audit records that it was set (never the password or its hash).
   */
  async setPassword(actor: Actor, userId: string, password: string): Promise<{ changed: boolean }> {
    requireRole(actor, 'admin');
    const row = await authRepository.findUserById(this.db, actor.authorityId, userId);
    if (!row) throw new NotFoundError('No such staff user');
    const problem = passwordProblem(password, { email: row.email });
    if (problem) throw new ValidationError([{ field: 'password', message: problem }]);
    if (row.passwordHash && !needsRehash(row.passwordHash) && (await verifyPassword(password, row.passwordHash))) return { changed: false };
    const passwordHash = await hashPassword(password);
    await this.db.transaction(async (tx) => {
      if (!(await authRepository.replacePasswordHash(tx, actor.authorityId, userId, row.passwordHash, passwordHash))) {
        throw new ConflictError('The password was changed by someone else meanwhile: nothing was saved');
      }
      const ended = await authRepository.endSessionsOfUser(tx, actor.authorityId, userId, this.clock.now());
      await recordAudit(tx, this.clock, actor, { action: 'staff.password-set', entityType: 'staff_user', entityId: userId, details: { sessionsEnded: ended.length } });
    });
    return { changed: true };
  }

  /** A staff user of the actor's own authority; another authority's user does not exist here. */
  async getUser(actor: Actor, id: string): Promise<StaffUserView> {
    const row = await authRepository.findUserById(this.db, actor.authorityId, id);
    if (!row) throw new NotFoundError('No such staff user');
    return toView(row);
  }

  async listUsers(actor: Actor): Promise<StaffUserView[]> {
    requireRole(actor, 'admin', 'team_manager', 'service_lead');
    return (await authRepository.listUsers(this.db, actor.authorityId)).map(toView);
  }
}

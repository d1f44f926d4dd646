import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { minyiConfig, minyiService } from '../../../plugin';
import type { QueuedNotification } from '../../../domain/notifications';
import {
  ADMIN_ROLE_OF_STAFF_ROLE,
  FIELD_ROLE_OF_STAFF_ROLE,
  loginWanted,
  STAFF_ROLE_LABELS_ZH,
  type StaffRecord,
} from '../../../domain/structure-import';
import type { InvitationMessageData } from '../../../domain/mail-templates/invitation-template';
import {
  insertRows,
  loginRoles,
  relink,
  type Stored,
} from '../../../repositories/structure-import';
import { tableNames, UIDS } from '../../../repositories/structure-import-tables';

export interface LoginResult {
  /** New logins, each invited once by mail. */
  invited: number;
  /** Existing accounts of the same email, linked to their staff record without a new invitation. */
  linked: number;
}

interface Written {
  id: number;
  record: StaffRecord;
  stored: Stored<StaffRecord> | null;
}

/** Where a field account sets its password: the users-permissions reset page the county's app serves. */
async function fieldPasswordUrl(strapi: Core.Strapi, publicUrl: string): Promise<string> {
  const settings = (await strapi
    .store({ type: 'plugin', name: 'users-permissions', key: 'advanced' })
    .get()) as { email_reset_password?: string | null } | null;
  const configured = settings?.email_reset_password;
  return configured && /^https?:\/\//.test(configured)
    ? configured
    : `${publicUrl.replace(/\/+$/, '')}/reset-password`;
}

/**
 * Opens the logins the file asks for, inside the import's transaction: an admin user with the
 * role that fits the staff member's role, or a users-permissions field account; each linked to the
 * staff record and invited once (the outbox's dedupe key is the login kind and address). The
 * account has no password until its owner sets one through the link: none is ever made up here.
 */
export async function openLogins(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  written: readonly Written[],
  unitNames: { grids: ReadonlyMap<string, string>; departments: ReadonlyMap<string, string> },
  now: Date
): Promise<LoginResult> {
  const wanted = written.filter(
    ({ record, stored }) =>
      record.email !== null && loginWanted(stored?.record.login ?? 'none', record.login)
  );
  if (wanted.length === 0) return { invited: 0, linked: 0 };

  const publicUrl = minyiConfig(strapi).publicUrl;
  const staff = tableNames(strapi, UIDS.staff);
  const adminLink = staff.join('adminUser');
  const userLink = staff.join('user');
  const { admin: adminRoles, field: fieldRoles } = await loginRoles(strapi);
  const resetUrl = await fieldPasswordUrl(strapi, publicUrl);
  const messages: QueuedNotification[] = [];
  let linked = 0;

  const invitation = (
    record: StaffRecord,
    login: 'admin' | 'field',
    link: string
  ): QueuedNotification => {
    const unitName =
      (record.gridCode ? unitNames.grids.get(record.gridCode) : undefined) ??
      (record.departmentCode ? unitNames.departments.get(record.departmentCode) : undefined) ??
      '';
    const data: InvitationMessageData & { email: string } = {
      name: record.name,
      roleLabel: STAFF_ROLE_LABELS_ZH[record.role],
      unitName,
      login,
      link,
      email: record.email as string,
    };
    return {
      dedupeKey: `invitation:${login}:${record.email as string}`,
      template: 'invitation',
      recipient: record.email as string,
      recipientLabel: record.name,
      itemDocumentId: '',
      data: { ...data },
    };
  };

  /** Accounts that already exist for these addresses, in one statement per 500 addresses. */
  const existingByEmail = async (uid: string, emails: string[]) => {
    const table = tableNames(strapi, uid).table;
    const found = new Map<string, number>();
    for (let start = 0; start < emails.length; start += 500) {
      const rows = (await trx(table)
        .whereIn('email', emails.slice(start, start + 500))
        .select('id', 'email')) as Array<{ id: number; email: string }>;
      for (const row of rows) found.set(String(row.email).toLowerCase(), Number(row.id));
    }
    return found;
  };

  // Admin logins: few (officers, liaisons, the county), each through Strapi's own user service.
  const admins = wanted.filter(({ record }) => record.login === 'admin');
  const existingAdmins = await existingByEmail(
    'admin::user',
    admins.map(({ record }) => record.email as string)
  );
  const adminLinks: Array<{ owner: number; target: number | null; replace: boolean }> = [];
  for (const { id, record } of admins) {
    const email = record.email as string;
    const roleCode = ADMIN_ROLE_OF_STAFF_ROLE[record.role];
    const roleId = adminRoles.get(roleCode);
    if (roleId === undefined)
      throw new Error(
        `structure import: the admin role ${roleCode} is missing (role-definitions.ts)`
      );
    let userId = existingAdmins.get(email);
    if (userId !== undefined) linked++;
    else {
      // Strapi's own invitation: an inactive user with a registration token, no password.
      const user = (await strapi.service('admin::user').create({
        email,
        firstname: record.name,
        lastname: '',
        roles: [roleId],
        isActive: false,
      })) as { id: number; registrationToken: string };
      userId = user.id;
      existingAdmins.set(email, userId);
      messages.push(
        invitation(
          record,
          'admin',
          `${publicUrl.replace(/\/+$/, '')}/admin/auth/register?registrationToken=${encodeURIComponent(user.registrationToken)}`
        )
      );
    }
    adminLinks.push({ owner: id, target: userId, replace: true });
  }
  await relink(trx, adminLink, adminLinks);

  // Field accounts: many (a grid head per grid), so written set-based like the structure itself.
  const fields = wanted.filter(({ record }) => record.login === 'field');
  const existingFields = await existingByEmail(
    'plugin::users-permissions.user',
    fields.map(({ record }) => record.email as string)
  );
  const upUser = tableNames(strapi, 'plugin::users-permissions.user');
  const fresh = fields.filter(({ record }) => !existingFields.has(record.email as string));
  linked += fields.length - fresh.length;
  const codes = fresh.map(() => randomBytes(64).toString('hex'));
  for (const { record } of fresh) {
    const roleType = FIELD_ROLE_OF_STAFF_ROLE[record.role] as string;
    if (!fieldRoles.has(roleType))
      throw new Error(
        `structure import: the field role ${roleType} is missing (role-definitions.ts)`
      );
  }
  // users-permissions' reset code (as its forgot-password makes one): the owner sets the password with it.
  const newIds = await insertRows(
    trx,
    upUser,
    fresh.map(({ record }, index) => ({
      username: record.email,
      email: record.email,
      provider: 'local',
      confirmed: true,
      blocked: false,
      [upUser.column('resetPasswordToken')]: codes[index],
    })),
    now
  );
  await relink(
    trx,
    upUser.join('role'),
    fresh.map(({ record }, index) => ({
      owner: newIds[index],
      target: fieldRoles.get(FIELD_ROLE_OF_STAFF_ROLE[record.role] as string) as number,
      replace: false,
    }))
  );
  fresh.forEach(({ record }, index) => {
    existingFields.set(record.email as string, newIds[index]);
    messages.push(invitation(record, 'field', `${resetUrl}?code=${codes[index]}`));
  });
  await relink(
    trx,
    userLink,
    fields.map(({ id, record }) => ({
      owner: id,
      target: existingFields.get(record.email as string) as number,
      replace: true,
    }))
  );
  await minyiService(strapi, 'change-log').queue(trx, messages, now);
  return { invited: messages.length, linked };
}

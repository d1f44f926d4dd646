import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { QueuedNotification } from '../../domain/notifications';
import {
  ADMIN_ROLE_OF_STAFF_ROLE,
  FIELD_ROLE_OF_STAFF_ROLE,
  loginWanted,
  STAFF_ROLE_LABELS_ZH,
  type StaffRecord,
} from '../../domain/structure-import';
import type { InvitationMessageData } from '../../domain/mail-templates/invitation-template';
import type { Stored } from './store';
import { tableNames, UIDS } from './tables';

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

  const publicUrl = strapi.plugin('minyi').config('publicUrl') as string;
  const staff = tableNames(strapi, UIDS.staff);
  const adminLink = staff.join('adminUser');
  const userLink = staff.join('user');
  const adminRoles = new Map(
    (
      (await strapi.db.query('admin::role').findMany({ select: ['id', 'code'] })) as Array<{
        id: number;
        code: string;
      }>
    ).map((role) => [role.code, role.id])
  );
  const fieldRoles = new Map(
    (
      (await strapi.db
        .query('plugin::users-permissions.role')
        .findMany({ select: ['id', 'type'] })) as Array<{ id: number; type: string }>
    ).map((role) => [role.type, role.id])
  );
  const resetUrl = await fieldPasswordUrl(strapi, publicUrl);
  const messages: QueuedNotification[] = [];
  let linked = 0;

  for (const { id, record } of wanted) {
    const email = record.email as string;
    const unitName =
      (record.gridCode ? unitNames.grids.get(record.gridCode) : undefined) ??
      (record.departmentCode ? unitNames.departments.get(record.departmentCode) : undefined) ??
      '';
    const invitation = (login: 'admin' | 'field', link: string): QueuedNotification => {
      const data: InvitationMessageData & { email: string } = {
        name: record.name,
        roleLabel: STAFF_ROLE_LABELS_ZH[record.role],
        unitName,
        login,
        link,
        email,
      };
      return {
        dedupeKey: `invitation:${login}:${email}`,
        template: 'invitation',
        recipient: email,
        recipientLabel: record.name,
        itemDocumentId: '',
        data: { ...data },
      };
    };

    if (record.login === 'admin') {
      const roleCode = ADMIN_ROLE_OF_STAFF_ROLE[record.role];
      const roleId = adminRoles.get(roleCode);
      if (roleId === undefined)
        throw new Error(
          `structure import: the admin role ${roleCode} is missing (role-definitions.ts)`
        );
      const existing = (await strapi.db
        .query('admin::user')
        .findOne({ where: { email }, select: ['id'] })) as { id: number } | null;
      let userId: number;
      if (existing) {
        userId = existing.id;
        linked++;
      } else {
        // Strapi's own invitation: an inactive user with a registration token, no password.
        const user = (await strapi.service('admin::user').create({
          email,
          firstname: record.name,
          lastname: '',
          roles: [roleId],
          isActive: false,
        })) as { id: number; registrationToken: string };
        userId = user.id;
        messages.push(
          invitation(
            'admin',
            `${publicUrl.replace(/\/+$/, '')}/admin/auth/register?registrationToken=${encodeURIComponent(user.registrationToken)}`
          )
        );
      }
      await trx(adminLink.table).where(adminLink.ownerColumn, id).delete();
      await trx(adminLink.table).insert({
        [adminLink.ownerColumn]: id,
        [adminLink.targetColumn]: userId,
      });
    } else if (record.login === 'field') {
      const roleType = FIELD_ROLE_OF_STAFF_ROLE[record.role] as string;
      const roleId = fieldRoles.get(roleType);
      if (roleId === undefined)
        throw new Error(
          `structure import: the field role ${roleType} is missing (role-definitions.ts)`
        );
      const existing = (await strapi.db
        .query('plugin::users-permissions.user')
        .findOne({ where: { email }, select: ['id'] })) as { id: number } | null;
      let userId: number;
      if (existing) {
        userId = existing.id;
        linked++;
      } else {
        // users-permissions' reset code (as its forgot-password creates): the owner sets the password with it.
        const code = randomBytes(64).toString('hex');
        const user = (await strapi.db.query('plugin::users-permissions.user').create({
          data: {
            username: email,
            email,
            provider: 'local',
            confirmed: true,
            blocked: false,
            role: roleId,
            resetPasswordToken: code,
          },
        })) as { id: number };
        userId = user.id;
        messages.push(invitation('field', `${resetUrl}?code=${code}`));
      }
      await trx(userLink.table).where(userLink.ownerColumn, id).delete();
      await trx(userLink.table).insert({
        [userLink.ownerColumn]: id,
        [userLink.targetColumn]: userId,
      });
    }
  }
  await strapi.plugin('minyi').service('change-log').queue(trx, messages, now);
  return { invited: messages.length, linked };
}
